// SPDX-License-Identifier: GPL-3.0-or-later

// hold-and-release is the scavenger puzzle in small, for screenshots and trying Heapscope:
// it builds a large heap, drops it, then idles allocating a little. The GC soon says the
// heap is small; RES in top stays high until the scavenger returns the pages to the OS.
//
//	go build -o /tmp/hold-and-release build-aux/demo/hold-and-release.go
//	heapscope --run -- /tmp/hold-and-release 600 40
//
// With a third argument it also serves its memory statistics at that address, the way a
// server does: expvar's /debug/vars and a Prometheus /metrics with client_golang's
// go_memstats_* and go_gc_duration_seconds names (written here, to need no module):
//
//	/tmp/hold-and-release 600 40 localhost:6060 &
//	heapscope --expvar http://localhost:6060/debug/vars
package main

import (
	_ "expvar" // registers /debug/vars
	"fmt"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strconv"
	"time"
)

var (
	held [][]byte
	sink []byte
)

func argument(i int, fallback int) int {
	if len(os.Args) > i {
		if n, err := strconv.Atoi(os.Args[i]); err == nil && n > 0 {
			return n
		}
	}
	return fallback
}

// metrics writes what client_golang's Go collector exports about memory and the GC.
func metrics(w http.ResponseWriter, r *http.Request) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")

	gauges := []struct {
		name  string
		value float64
	}{
		{"go_memstats_alloc_bytes", float64(m.Alloc)},
		{"go_memstats_heap_alloc_bytes", float64(m.HeapAlloc)},
		{"go_memstats_heap_idle_bytes", float64(m.HeapIdle)},
		{"go_memstats_heap_inuse_bytes", float64(m.HeapInuse)},
		{"go_memstats_heap_released_bytes", float64(m.HeapReleased)},
		{"go_memstats_heap_sys_bytes", float64(m.HeapSys)},
		{"go_memstats_next_gc_bytes", float64(m.NextGC)},
		{"go_memstats_sys_bytes", float64(m.Sys)},
		{"go_memstats_gc_cpu_fraction", m.GCCPUFraction},
	}
	for _, g := range gauges {
		fmt.Fprintf(w, "# TYPE %s gauge\n%s %g\n", g.name, g.name, g.value)
	}

	// the pause summary: quantiles of the pauses the runtime remembers
	n := int(m.NumGC)
	if n > len(m.PauseNs) {
		n = len(m.PauseNs)
	}
	pauses := make([]float64, n)
	for i := range pauses {
		pauses[i] = float64(m.PauseNs[(int(m.NumGC)-1-i+len(m.PauseNs))%len(m.PauseNs)]) / 1e9
	}
	sort.Float64s(pauses)
	fmt.Fprintf(w, "# TYPE go_gc_duration_seconds summary\n")
	for _, q := range []float64{0, 0.25, 0.5, 0.75, 1} {
		v := 0.0
		if n > 0 {
			v = pauses[int(q*float64(n-1))]
		}
		fmt.Fprintf(w, "go_gc_duration_seconds{quantile=\"%g\"} %g\n", q, v)
	}
	fmt.Fprintf(w, "go_gc_duration_seconds_sum %g\ngo_gc_duration_seconds_count %d\n",
		float64(m.PauseTotalNs)/1e9, m.NumGC)
}

func main() {
	megabytes := argument(1, 600)
	idle := time.Duration(argument(2, 40)) * time.Second

	if len(os.Args) > 3 {
		http.HandleFunc("/metrics", metrics)
		go func() {
			if err := http.ListenAndServe(os.Args[3], nil); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}()
	}

	fmt.Printf("building a heap of %d MB\n", megabytes)
	for i := 0; i < megabytes; i++ {
		b := make([]byte, 1<<20)
		for j := 0; j < len(b); j += 4096 {
			b[j] = 1 // touch every page, so that it is resident
		}
		held = append(held, b)
		time.Sleep(2 * time.Millisecond)
	}
	time.Sleep(2 * time.Second)

	fmt.Printf("dropping it, then idling for %v\n", idle)
	held = nil
	for end := time.Now().Add(idle); time.Now().Before(end); {
		sink = make([]byte, 256<<10)
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Println("done")
}
