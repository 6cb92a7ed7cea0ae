/*
 * xg_build_load: the part of xc_ppc_build that writes the domain, run only
 * after every check has passed (see xg_build.c).
 *
 * Every image byte is copied twice: by us into window memory, then by the
 * hypervisor from the window into the domain (XEN_DOMCTL_memcopy, which
 * this thread waits in).  For megabytes of images the two copies overlap:
 * a helper thread fills the next chunk into one window buffer while the
 * hypervisor empties the previous one from the other, so two CPUs share
 * what one did in turn.  Small images (or no thread) go chunk by chunk.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "xg_build.h"
#include "xg_stream_pipe.h"

/* Below this many bytes of images a helper thread costs more than it saves. */
#define XG_LOAD_PIPE_MIN (2U * XG_CHUNK_BYTES)

/* One chunk of image bytes bound for guest memory (<= XG_CHUNK_BYTES). */
struct xg_chunk {
	uint64_t gpa;
	const uint8_t *src;
	size_t len;
};

/* The image bytes to load, cut into chunks. */
struct xg_chunks {
	struct xg_chunk *v;
	size_t n, cap;
	uint64_t bytes;
};

static int chunks_add(struct xg_chunks *c, uint64_t gpa, const uint8_t *src, uint64_t len)
{
	while (len > 0) {
		size_t n = len > XG_CHUNK_BYTES ? XG_CHUNK_BYTES : (size_t)len;
		if (c->n == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 32;
			struct xg_chunk *v = realloc(c->v, cap * sizeof(*v));
			if (v == NULL)
				return -ENOMEM;
			c->v = v;
			c->cap = cap;
		}
		c->v[c->n++] = (struct xg_chunk){ gpa, src, n };
		c->bytes += n;
		gpa += n;
		src += n;
		len -= n;
	}
	return 0;
}

/* The segments' file bytes, the initrd and the device tree. */
static int plan(const struct xg_build *b, struct xg_chunks *c)
{
	const struct xg_elf_image *elf = b->elf;
	unsigned i;
	int rc = 0;

	for (i = 0; rc == 0 && i < elf->nr_segs; i++)
		rc = chunks_add(c, elf->segs[i].paddr, elf->data + elf->segs[i].offset,
		                elf->segs[i].filesz);
	if (rc == 0)
		rc = chunks_add(c, b->lay.initrd_start, b->initrd.data, b->initrd.len);
	if (rc == 0)
		rc = chunks_add(c, b->lay.fdt_start, b->fdt, b->fdt_len);
	return rc;
}

/*
 * The two-buffer pipeline, on save/restore's thread hand-off (xg_pipe:
 * one mutex, a condition variable per kind of waiter).  Chunk k goes
 * through buffer k % 2: the helper fills it once chunk k - 2 has been
 * sent, the caller sends it once it is filled.  Both counters only grow;
 * stop ends the helper early.
 */
struct xg_load {
	const struct xg_chunks *c;
	struct xg_gmem *g;           /* [2] */
	struct xg_pipe pipe;
	size_t filled, sent;
	int stop;
};

static void *filler(void *arg)
{
	struct xg_load *p = arg;
	size_t k;

	for (k = 0; k < p->c->n; k++) {
		int stop;

		xg_pipe_lock(&p->pipe);
		while (k >= p->sent + 2 && !p->stop)
			xg_pipe_wait(&p->pipe, XG_WAIT_WORK);
		stop = p->stop;
		xg_pipe_unlock(&p->pipe);
		if (stop)
			break;
		memcpy(p->g[k % 2].buf, p->c->v[k].src, p->c->v[k].len);
		xg_pipe_lock(&p->pipe);
		p->filled = k + 1;
		xg_pipe_wake_one(&p->pipe, XG_WAIT_MAIN);
		xg_pipe_unlock(&p->pipe);
	}
	return NULL;
}

static int send_all(struct xg_load *p)
{
	size_t k;
	int rc = 0;

	for (k = 0; rc == 0 && k < p->c->n; k++) {
		xg_pipe_lock(&p->pipe);
		while (p->filled <= k)
			xg_pipe_wait(&p->pipe, XG_WAIT_MAIN);
		xg_pipe_unlock(&p->pipe);
		rc = xg_gmem_put(&p->g[k % 2], p->c->v[k].gpa, p->c->v[k].len);
		xg_pipe_lock(&p->pipe);
		p->sent = k + 1;
		p->stop = rc < 0;
		xg_pipe_wake_one(&p->pipe, XG_WAIT_WORK);
		xg_pipe_unlock(&p->pipe);
	}
	return rc;
}

/* Load the chunks through g[0] and g[1] with a helper thread: 0, -errno, or 1 (no thread). */
static int load_pipelined(const struct xg_chunks *c, struct xg_gmem g[2])
{
	struct xg_load p = { .c = c, .g = g };
	pthread_t t;
	int rc;

	if (xg_pipe_init(&p.pipe) < 0)
		return 1;
	if (pthread_create(&t, NULL, filler, &p) != 0) {
		rc = 1;
	} else {
		rc = send_all(&p);
		(void)pthread_join(t, NULL);
	}
	xg_pipe_fini(&p.pipe);
	return rc;
}

/* One chunk after the other, through g. */
static int load_serial(const struct xg_chunks *c, struct xg_gmem *g)
{
	size_t k;
	int rc;

	for (k = 0; k < c->n; k++) {
		memcpy(g->buf, c->v[k].src, c->v[k].len);
		if ((rc = xg_gmem_put(g, c->v[k].gpa, c->v[k].len)) < 0)
			return rc;
	}
	return 0;
}

static int load_images(xc_interface *xch, const struct xg_build *b, struct xg_gmem *g)
{
	struct xg_chunks c = { 0 };
	struct xg_gmem g2[2];
	int rc = plan(b, &c);

	if (rc < 0) {
		free(c.v);
		return xc_seterror(xch, rc, "build: out of memory");
	}
	rc = 1;
	/* A second window buffer for the pipeline; without one, go serially. */
	if (c.bytes >= XG_LOAD_PIPE_MIN && xg_gmem_open(xch, b->domid, &g2[1]) == 0) {
		g2[0] = *g;
		rc = load_pipelined(&c, g2);
		xg_gmem_close(&g2[1]);
	}
	if (rc == 1)
		rc = load_serial(&c, g);
	free(c.v);
	return rc;
}

/* bss, then the store and console pages (they sit just below shared_info). */
static int zero_rest(struct xg_gmem *g, const struct xg_build *b)
{
	const struct xg_elf_image *elf = b->elf;
	unsigned i;
	int rc;

	for (i = 0; i < elf->nr_segs; i++)
		if ((rc = xg_gmem_zero(g, elf->segs[i].paddr + elf->segs[i].filesz,
		                       elf->segs[i].memsz - elf->segs[i].filesz)) < 0)
			return rc;
	return xg_gmem_zero(g, b->lay.store_gpa, 2 * XG_PAGE_SIZE);
}

/*
 * vcpu 0 starts at the entry in 64-bit real mode (MSR_SF set, IR/DR
 * clear: the guest has no page tables yet), with r3 = the device tree and
 * r4 = where the kernel was loaded, as Xen 3.1's PowerPC builder did.
 */
static int set_vcpu0(xc_interface *xch, const struct xg_build *b)
{
	xc_vcpu_context_t ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.pc = b->elf->entry_paddr;
	ctx.gprs[3] = b->lay.fdt_start;
	ctx.gprs[4] = b->lay.kernel_start;
	ctx.msr = XENPPC_MSR_SF;
	return xc_vcpu_setcontext(xch, b->domid, 0, &ctx);
}

int xg_build_load(xc_interface *xch, struct xg_build *b)
{
	struct xg_gmem g;
	int rc = xg_gmem_open(xch, b->domid, &g);

	if (rc == 0)
		rc = load_images(xch, b, &g);
	if (rc == 0)
		rc = zero_rest(&g, b);
	xg_gmem_close(&g);
	if (rc == 0)
		rc = set_vcpu0(xch, b);
	return rc;
}
