/*
 * xg_build_load: the part of xc_ppc_build that writes the domain, run only
 * after every check has passed (see xg_build.c).
 *
 * The domain's pages are held (the same holds as xc_map_foreign_range) and
 * written through the machine memory fd: every image byte is copied once,
 * from the caller's buffer into the domain.  The copy is cut into chunks
 * that two threads take in turn, the caller's by pwrite and a helper by
 * short mappings, because the kernel serialises pwrites to one file (see
 * xc_foreign_span_write); the helper stops where mappings prove slow
 * (xg_map_slow).
 *
 * Two spans are held: the kernel, initrd and device tree (consecutive, see
 * xg_layout.h), and the store and console pages at the top of the RMA.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "xg_build.h"
#include "xg_pace.h"

/*
 * The pieces the two threads take.  Small enough that the last piece the
 * slower method takes does not leave the other waiting long: on some hosts
 * a mapping's page-table work makes it ten times slower than pwrite (seen
 * here: 20 MiB in 27 ms against 2.5 ms), on others the two are even.
 */
#define XG_LOAD_CHUNK_BYTES (256U << 10)

/* The helper stops when its time per byte exceeds this many times pwrite's. */
#define XG_MAP_SLOW_FACTOR 2U

/* Below this many bytes a second thread costs more than it saves. */
#define XG_LOAD_THREAD_MIN (2U * XG_LOAD_CHUNK_BYTES)

/* One piece of the domain to write (<= XG_LOAD_CHUNK_BYTES); src NULL: zeros. */
struct xg_chunk {
	const struct xc_foreign_span *span;
	uint64_t gpa;
	const uint8_t *src;
	size_t len;
};

/* What to write, cut into chunks, and the next chunk to take. */
struct xg_chunks {
	struct xg_chunk *v;
	size_t n, cap;
	uint64_t bytes;
	atomic_size_t next;
	atomic_int rc;               /* the first failure */
	atomic_uint_fast64_t pw_ns, pw_bytes;    /* the pwrite thread's pace so far */
};

/*
 * Set once mappings have been seen writing at less than pwrite's pace
 * divided by XG_MAP_SLOW_FACTOR: from then on, in this process, the
 * caller's thread writes alone.
 * (A host whose page faults are dear, a paravirtualised guest say, makes a
 * mapping's page-table work cost more than its copy; elsewhere the helper
 * nearly halves the time.)
 */
static atomic_int xg_map_slow;

/* Has the helper, which took pace_ns for pace_bytes, fallen behind for good? */
static int helper_too_slow(struct xg_chunks *c, uint64_t pace_ns, uint64_t pace_bytes)
{
	if (!xg_pace_behind(pace_ns, pace_bytes, atomic_load(&c->pw_ns), atomic_load(&c->pw_bytes),
			    XG_MAP_SLOW_FACTOR))
		return 0;
	atomic_store(&xg_map_slow, 1);
	return 1;
}

static int chunks_add(struct xg_chunks *c, const struct xc_foreign_span *span, uint64_t gpa,
                      const uint8_t *src, uint64_t len)
{
	while (len > 0) {
		size_t n = len > XG_LOAD_CHUNK_BYTES ? XG_LOAD_CHUNK_BYTES : (size_t)len;
		if (c->n == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 32;
			struct xg_chunk *v = realloc(c->v, cap * sizeof(*v));
			if (v == NULL)
				return -ENOMEM;
			c->v = v;
			c->cap = cap;
		}
		c->v[c->n++] = (struct xg_chunk){ span, gpa, src, n };
		c->bytes += n;
		gpa += n;
		src = src ? src + n : NULL;
		len -= n;
	}
	return 0;
}

/* Segments (file bytes, then bss), the initrd, the device tree, the special pages. */
static int plan(const struct xg_build *b, const struct xc_foreign_span *img,
                const struct xc_foreign_span *special, struct xg_chunks *c)
{
	const struct xg_elf_image *elf = b->elf;
	int rc = 0;

	for (unsigned i = 0; rc == 0 && i < elf->nr_segs; i++) {
		const struct xg_elf_seg *g = &elf->segs[i];
		rc = chunks_add(c, img, g->paddr, elf->data + g->offset, g->filesz);
		if (rc == 0)
			rc = chunks_add(c, img, g->paddr + g->filesz, NULL, g->memsz - g->filesz);
	}
	if (rc == 0)
		rc = chunks_add(c, img, b->lay.initrd_start, b->initrd.data, b->initrd.len);
	if (rc == 0)
		rc = chunks_add(c, img, b->lay.fdt_start, b->fdt, b->fdt_len);
	if (rc == 0)
		rc = chunks_add(c, special, b->lay.store_gpa, NULL, 2 * XG_PAGE_SIZE);
	return rc;
}

/*
 * Take chunks until none is left or a write failed; each thread times its
 * writes, and the helper (how == XC_FOREIGN_BY_MAP) stops when it falls
 * XG_MAP_SLOW_FACTOR times behind the pwrite thread's pace.
 */
static void write_chunks(struct xg_chunks *c, int how)
{
	uint64_t ns = 0, bytes = 0;
	size_t k;

	while (atomic_load(&c->rc) == 0 && (k = atomic_fetch_add(&c->next, 1)) < c->n) {
		const struct xg_chunk *ch = &c->v[k];
		uint64_t t0 = xg_now_ns();
		int rc = xc_foreign_span_write(ch->span, ch->gpa, ch->src, ch->len, how);
		uint64_t t = xg_now_ns() - t0;
		if (rc < 0) {
			int none = 0;
			atomic_compare_exchange_strong(&c->rc, &none, rc);
		}
		if (how == XC_FOREIGN_BY_PWRITE) {
			atomic_fetch_add(&c->pw_ns, t);
			atomic_fetch_add(&c->pw_bytes, ch->len);
		} else if (ns += t, bytes += ch->len, helper_too_slow(c, ns, bytes)) {
			break;
		}
	}
}

static void *helper_writer(void *arg)
{
	write_chunks(arg, XC_FOREIGN_BY_MAP);
	return NULL;
}

static void write_all(struct xg_chunks *c)
{
	pthread_t t;
	int helper = !atomic_load(&xg_map_slow) && c->bytes >= XG_LOAD_THREAD_MIN &&
		     pthread_create(&t, NULL, helper_writer, c) == 0;

	write_chunks(c, XC_FOREIGN_BY_PWRITE);
	if (helper)
		(void)pthread_join(t, NULL);
}

static int hold(xc_interface *xch, const struct xg_build *b, struct xc_foreign_span *s,
                uint64_t from, uint64_t to)
{
	uint64_t first = from / XG_PAGE_SIZE;

	return xc_foreign_span_hold(xch, b->domid, first, xg_page_align(to) / XG_PAGE_SIZE - first, s);
}

static int load_images(xc_interface *xch, const struct xg_build *b)
{
	struct xc_foreign_span img = { 0 }, special = { 0 };
	struct xg_chunks c = { 0 };
	int rc = hold(xch, b, &img, b->lay.kernel_start, b->lay.fdt_start + b->fdt_len);

	if (rc == 0)
		rc = hold(xch, b, &special, b->lay.store_gpa, b->lay.store_gpa + 2 * XG_PAGE_SIZE);
	if (rc == 0 && plan(b, &img, &special, &c) < 0)
		rc = xc_seterror(xch, -ENOMEM, "build: out of memory");
	if (rc == 0) {
		atomic_init(&c.next, 0);
		atomic_init(&c.rc, 0);
		write_all(&c);
		if ((rc = atomic_load(&c.rc)) < 0)
			rc = xc_seterror(xch, rc, "build: writing domain %u's memory: %s", b->domid,
			                 xc_strerror(xch, rc));
	}
	free(c.v);
	xc_foreign_span_release(xch, &special);
	xc_foreign_span_release(xch, &img);
	return rc;
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
	int rc = load_images(xch, b);

	return rc < 0 ? rc : set_vcpu0(xch, b);
}
