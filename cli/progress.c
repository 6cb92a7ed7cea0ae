/* The progress bar (progress.h). */
#include <stdio.h>
#include <unistd.h>
#include "progress.h"

void progress_start(struct progress *p, const char *label)
{
	p->label = label;
	p->tty = isatty(STDERR_FILENO) == 1;
	p->last_pct = -1;
}

int progress_update(void *arg, uint64_t done, uint64_t total)
{
	struct progress *p = arg;
	int pct = total ? (int)(done * 100 / total) : 100, fill;

	if (!p->tty || pct == p->last_pct)
		return 0;   /* redraw only when the figure changes */
	p->last_pct = pct > 100 ? 100 : pct;
	fill = p->last_pct * PROGRESS_WIDTH / 100;
	fprintf(stderr, "\r%s [%.*s%*s] %3d%%", p->label, fill,
	        "########################################", PROGRESS_WIDTH - fill, "", p->last_pct);
	return 0;
}

void progress_end(struct progress *p)
{
	if (p->tty && p->last_pct >= 0)
		fputc('\n', stderr);
}
