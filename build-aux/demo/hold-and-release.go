// SPDX-License-Identifier: GPL-3.0-or-later

// hold-and-release is the scavenger puzzle in small, for screenshots and trying Heapscope:
// it builds a large heap, drops it, then idles allocating a little. The GC soon says the
// heap is small; RES in top stays high until the scavenger returns the pages to the OS.
//
//	go build -o /tmp/hold-and-release build-aux/demo/hold-and-release.go
//	heapscope --run -- /tmp/hold-and-release 600 40
package main

import (
	"fmt"
	"os"
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

func main() {
	megabytes := argument(1, 600)
	idle := time.Duration(argument(2, 40)) * time.Second

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
