/*
 * Soak: create + destroy cycles through xmctld (default 100 000; the
 * count may be given as the first argument), checking the daemon's
 * resident memory: growth after a warm-up must stay <= 1 MiB.  Not part
 * of make check (it takes minutes); built by `make bench`.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "daemon-fix.h"

#define DEFAULT_CYCLES 100000
#define WARMUP 1000
#define TARGET_KB 1024

int main(int argc, char **argv)
{
	long cycles = argc > 1 ? strtol(argv[1], NULL, 10) : DEFAULT_CYCLES, i, rss0 = -1, rss1;
	struct dfix f;
	char p[1024];
	uint64_t t0 = 0;
	int rc = 1;

	if (cycles <= 0 || dfix_start(&f, "2G", 1) < 0)
		return 1;
	snprintf(p, sizeof(p), "{\"config\":{\"name\":\"soak\",\"memory\":64,\"kernel\":\"%s\"}}",
	         f.kernel);
	for (i = 0; i < WARMUP + cycles; i++) {
		if (i == WARMUP) {
			rss0 = dfix_daemon_rss_kb(&f);
			t0 = dfix_now_ns();
		}
		if (dfix_call(&f, "domain.create", p) < 0 ||
		    dfix_call(&f, "domain.destroy", "{\"dom\":\"soak\"}") < 0 ||
		    (i % 100 == 0 && dfix_call(&f, "domain.list", NULL) < 0))
			goto out;
	}
	rss1 = dfix_daemon_rss_kb(&f);
	printf("%ld create+destroy cycles in %.1f s; daemon RSS %ld -> %ld KiB, growth %ld KiB "
	       "(target <= %d KiB)\n", cycles, (dfix_now_ns() - t0) / 1e9, rss0, rss1, rss1 - rss0,
	       TARGET_KB);
	rc = rss1 - rss0 <= TARGET_KB ? 0 : 1;
out:
	dfix_stop(&f);
	return rc;
}
