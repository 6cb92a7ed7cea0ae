/* xg_pipe: the save/restore hand-off between two threads (xg_stream_pipe.h). */
#include "config.h"

#include <string.h>

#include "xg_stream_pipe.h"

int xg_pipe_init(struct xg_pipe *p)
{
	int rc, i;

	memset(p, 0, sizeof(*p));
	if ((rc = pthread_mutex_init(&p->mu, NULL)) != 0)
		return -rc;
	for (i = 0; i < XG_WAIT_KINDS; i++) {
		if ((rc = pthread_cond_init(&p->cv[i], NULL)) != 0) {
			while (i-- > 0)
				pthread_cond_destroy(&p->cv[i]);
			pthread_mutex_destroy(&p->mu);
			return -rc;
		}
	}
	return 0;
}

void xg_pipe_fini(struct xg_pipe *p)
{
	int i;

	for (i = 0; i < XG_WAIT_KINDS; i++)
		pthread_cond_destroy(&p->cv[i]);
	pthread_mutex_destroy(&p->mu);
}

/* Lock and wait cannot fail on a valid, default mutex held by the caller. */
void xg_pipe_lock(struct xg_pipe *p)
{
	(void)pthread_mutex_lock(&p->mu);
}

void xg_pipe_unlock(struct xg_pipe *p)
{
	(void)pthread_mutex_unlock(&p->mu);
}

void xg_pipe_wait(struct xg_pipe *p, enum xg_pipe_waiter w)
{
	(void)pthread_cond_wait(&p->cv[w], &p->mu);
}

void xg_pipe_wake_one(struct xg_pipe *p, enum xg_pipe_waiter w)
{
	(void)pthread_cond_signal(&p->cv[w]);
}

void xg_pipe_wake_all(struct xg_pipe *p, enum xg_pipe_waiter w)
{
	(void)pthread_cond_broadcast(&p->cv[w]);
}

int xg_pipe_fail_locked(struct xg_pipe *p, const struct xg_err *e)
{
	int i;

	if (p->err.code == 0)
		p->err = *e;
	for (i = 0; i < XG_WAIT_KINDS; i++)
		xg_pipe_wake_all(p, (enum xg_pipe_waiter)i);
	return e->code;
}

int xg_pipe_fail(struct xg_pipe *p, const struct xg_err *e)
{
	int rc;

	xg_pipe_lock(p);
	rc = xg_pipe_fail_locked(p, e);
	xg_pipe_unlock(p);
	return rc;
}

int xg_pipe_failed(const struct xg_pipe *p)
{
	return p->err.code;
}
