/*
 * Clocks and percentiles shared by the benchmarks in tests/bench/.
 */
#ifndef TESTS_BENCH_BENCH_TIME_H
#define TESTS_BENCH_BENCH_TIME_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* CLOCK_MONOTONIC in ns. */
uint64_t bench_now_ns(void);

/*
 * CPU time of process pid in ns (/proc/PID/schedstat's first field: its
 * main thread, which for xenppc-hv is the one answering hypercalls); 0 if
 * it cannot be read.
 */
uint64_t bench_pid_cpu_ns(pid_t pid);

/* This process's CPU time in ns, every thread's, joined ones included. */
uint64_t bench_self_cpu_ns(void);

/* Sort v[0..n) in place and return its p-th percentile (p = 50: median). */
uint64_t bench_pct(uint64_t *v, size_t n, unsigned p);

#endif
