// SPDX-License-Identifier: GPL-3.0-or-later
// Records what a real Go program answers on /debug/vars (expvar), and the same moment as
// Prometheus text in the layout of client_golang's Go collector, at moments with known GC
// counts: 5, 105, 405 (300 in one interval: more than the 256-entry ring) and 406 cycles.
// Run: GO111MODULE=off go run record.go PREFIX
package main

import (
	"bytes"
	"expvar"
	"fmt"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

var sink [][]byte

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func family(b *bytes.Buffer, name, help, typ string, v float64) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n%s %s\n", name, help, name, typ, name, num(v))
}

func prometheus() []byte {
	var b bytes.Buffer
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	stats := &debug.GCStats{PauseQuantiles: make([]time.Duration, 5)}
	debug.ReadGCStats(stats)

	b.WriteString("# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.\n# TYPE go_gc_duration_seconds summary\n")
	for i, q := range []string{"0", "0.25", "0.5", "0.75", "1"} {
		fmt.Fprintf(&b, "go_gc_duration_seconds{quantile=\"%s\"} %s\n", q, num(stats.PauseQuantiles[i].Seconds()))
	}
	fmt.Fprintf(&b, "go_gc_duration_seconds_sum %s\ngo_gc_duration_seconds_count %d\n", num(stats.PauseTotal.Seconds()), stats.NumGC)

	samples := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	for _, d := range metrics.All() {
		if strings.HasPrefix(d.Name, "/memory/classes/") {
			samples = append(samples, metrics.Sample{Name: d.Name})
		}
	}
	metrics.Read(samples)
	family(&b, "go_gc_cycles_total_gc_cycles_total", "Count of all completed GC cycles.", "counter", float64(samples[1].Value.Uint64()))
	family(&b, "go_gc_heap_goal_bytes", "Heap size target for the end of the GC cycle.", "gauge", float64(samples[0].Value.Uint64()))
	family(&b, "go_goroutines", "Number of goroutines that currently exist.", "gauge", float64(runtime.NumGoroutine()))
	fmt.Fprintf(&b, "# HELP go_info Information about the Go environment.\n# TYPE go_info gauge\ngo_info{version=\"%s\"} 1\n", runtime.Version())
	for _, s := range samples[2:] {
		name := "go_memory_classes_" + strings.NewReplacer("/memory/classes/", "", "/", "_", ":", "_", "-", "_").Replace(s.Name)
		family(&b, name, "Memory class "+s.Name+".", "gauge", float64(s.Value.Uint64()))
	}
	family(&b, "go_memstats_alloc_bytes", "Number of bytes allocated and still in use.", "gauge", float64(ms.Alloc))
	family(&b, "go_memstats_alloc_bytes_total", "Total number of bytes allocated, even if freed.", "counter", float64(ms.TotalAlloc))
	family(&b, "go_memstats_gc_cpu_fraction", "The fraction of this program's available CPU time used by the GC since the program started.", "gauge", ms.GCCPUFraction)
	family(&b, "go_memstats_gc_sys_bytes", "Number of bytes used for garbage collection system metadata.", "gauge", float64(ms.GCSys))
	family(&b, "go_memstats_heap_alloc_bytes", "Number of heap bytes allocated and still in use.", "gauge", float64(ms.HeapAlloc))
	family(&b, "go_memstats_heap_idle_bytes", "Number of heap bytes waiting to be used.", "gauge", float64(ms.HeapIdle))
	family(&b, "go_memstats_heap_inuse_bytes", "Number of heap bytes that are in use.", "gauge", float64(ms.HeapInuse))
	family(&b, "go_memstats_heap_objects", "Number of allocated objects.", "gauge", float64(ms.HeapObjects))
	family(&b, "go_memstats_heap_released_bytes", "Number of heap bytes released to OS.", "gauge", float64(ms.HeapReleased))
	family(&b, "go_memstats_heap_sys_bytes", "Number of heap bytes obtained from system.", "gauge", float64(ms.HeapSys))
	family(&b, "go_memstats_last_gc_time_seconds", "Number of seconds since 1970 of last garbage collection.", "gauge", float64(ms.LastGC)/1e9)
	family(&b, "go_memstats_next_gc_bytes", "Number of heap bytes when next garbage collection will take place.", "gauge", float64(ms.NextGC))
	family(&b, "go_memstats_sys_bytes", "Number of bytes obtained from system.", "gauge", float64(ms.Sys))
	family(&b, "go_threads", "Number of OS threads created.", "gauge", 7)
	return b.Bytes()
}

func record(prefix string, n int) {
	rec := httptest.NewRecorder()
	expvar.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/debug/vars", nil))
	os.WriteFile(fmt.Sprintf("%s-debug-vars-%d.json", prefix, n), rec.Body.Bytes(), 0644)
	os.WriteFile(fmt.Sprintf("%s-metrics-%d.txt", prefix, n), prometheus(), 0644)
}

func churn(cycles int) {
	for i := 0; i < cycles; i++ {
		sink = append(sink, make([]byte, 1<<20))
		if len(sink) > 40 {
			sink = sink[:0]
		}
		runtime.GC()
	}
}

func main() {
	prefix := os.Args[1]
	for n, cycles := range []int{5, 100, 300, 1} {
		churn(cycles)
		record(prefix, n+1)
		time.Sleep(300 * time.Millisecond)
	}
}
