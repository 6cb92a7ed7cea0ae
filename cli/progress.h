/*
 * A progress bar for long work (save, restore, dump-core), drawn on stderr
 * only when stderr is a terminal; elsewhere it stays silent.
 */
#ifndef XMCTL_PROGRESS_H
#define XMCTL_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

#define PROGRESS_WIDTH 40   /* characters of bar */

struct progress {
	const char *label;
	bool tty;
	int last_pct;
};

void progress_start(struct progress *p, const char *label);
/* libxc's xc_save_progress_fn shape: always returns 0 (go on). */
int progress_update(void *p, uint64_t done, uint64_t total);
void progress_end(struct progress *p);

#endif /* XMCTL_PROGRESS_H */
