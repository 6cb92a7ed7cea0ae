/*
 * Save and restore against a real xenppc-hv: a round trip compared byte for
 * byte (memory, vcpu contexts, event channels, grant frames), the flags and
 * the progress callback, and a table of corrupted streams, each of which
 * must be refused with a clear error and leave no domain behind.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xenppc/byteorder.h>

#include "bldtest.h"
#include "../check-run.h"

#define MEM (128ULL << 20)
#define EVERY 4ULL                   /* a quarter of the pages carry data */
#define SMALL_MEM (80ULL << 20)
/* How long a failed restore's memory may take to be scrubbed and freed. */
#define SCRUB_WAIT_MS 5000

/* A stream in memory: save into a memfd, read it back. */
static uint8_t *save_to_buf(xc_interface *xch, uint32_t domid, uint32_t flags, size_t *len)
{
	int fd = memfd_create("stream", 0);
	uint8_t *b;
	off_t n;

	ck_assert_int_ge(fd, 0);
	XC_OK(xch, xc_domain_save(xch, fd, domid, flags, NULL, NULL));
	n = lseek(fd, 0, SEEK_END);
	b = malloc((size_t)n);
	ck_assert_int_eq(pread(fd, b, (size_t)n, 0), n);
	close(fd);
	*len = (size_t)n;
	return b;
}

static int restore_buf(xc_interface *xch, const uint8_t *b, size_t len, uint32_t flags,
                       uint32_t *domid)
{
	int fd = memfd_create("stream", 0), rc;

	ck_assert_int_eq(write(fd, b, len), (ssize_t)len);
	lseek(fd, 0, SEEK_SET);
	rc = xc_domain_restore(xch, fd, domid, flags, NULL, NULL);
	close(fd);
	return rc;
}

static void compare_memory(xc_interface *xch, uint32_t a, uint32_t b, uint64_t mem)
{
	const size_t slice = 16 << 20;
	uint8_t *x = malloc(slice), *y = malloc(slice);
	uint64_t off;

	for (off = 0; off < mem; off += slice) {
		XC_OK(xch, xc_guest_memory_read(xch, a, off, x, slice));
		XC_OK(xch, xc_guest_memory_read(xch, b, off, y, slice));
		ck_assert_msg(memcmp(x, y, slice) == 0, "memory differs in [0x%llx, +16 MiB)",
		              (unsigned long long)off);
	}
	free(x);
	free(y);
}

static void compare_state(xc_interface *xch, uint32_t a, uint32_t b)
{
	xc_vcpu_context_t ca, cb;
	xc_evtchn_status_t sa, sb;
	uint32_t v, p, fa, fb, ma, mb;

	for (v = 0; v < 2; v++) {
		XC_OK(xch, xc_vcpu_getcontext(xch, a, v, &ca));
		XC_OK(xch, xc_vcpu_getcontext(xch, b, v, &cb));
		ck_assert_mem_eq(&ca, &cb, sizeof(ca));
	}
	for (p = 1; p < 4; p++) {
		XC_OK(xch, xc_evtchn_status(xch, a, p, &sa));
		XC_OK(xch, xc_evtchn_status(xch, b, p, &sb));
		ck_assert_uint_eq(sa.status, sb.status);
		ck_assert_uint_eq(sa.remote_dom, sb.remote_dom);
	}
	XC_OK(xch, xc_gnttab_query_size(xch, a, &fa, &ma));
	XC_OK(xch, xc_gnttab_query_size(xch, b, &fb, &mb));
	ck_assert_uint_eq(fa, fb);
}

struct prog { uint64_t last, total; unsigned calls; int cancel_at; };

static int progress(void *arg, uint64_t done, uint64_t total)
{
	struct prog *p = arg;

	ck_assert_uint_ge(done, p->last);
	p->last = done;
	p->total = total;
	return ++p->calls == (unsigned)p->cancel_at;
}

static uint64_t free_pages(xc_interface *xch)
{
	xc_physinfo_t pi;

	xctest_settle(xch);
	XC_OK(xch, xc_physinfo(xch, &pi));
	return pi.free_pages;
}

START_TEST(test_roundtrip)
{
	xc_interface *xch = xctest_open();
	uint64_t free_before = free_pages(xch);
	uint32_t a = bld_guest(xch, 0, MEM, EVERY), b, p1, p2;
	uint8_t *s, *raw;
	size_t len, rawlen;
	char why[128], name[64];

	XC_OK(xch, xc_domain_setname(xch, a, "saveme"));
	XC_OK(xch, xc_evtchn_alloc_unbound(xch, a, 0, &p1));
	XC_OK(xch, xc_evtchn_alloc_unbound(xch, a, 0, &p2));
	XC_OK(xch, xc_gnttab_setup_table(xch, a, 4, NULL));
	s = save_to_buf(xch, a, XC_SAVE_COMPRESS, &len);
	raw = save_to_buf(xch, a, 0, &rawlen);                   /* raw is the default */
	ck_assert_uint_lt(len, rawlen);
	ck_assert_uint_lt(rawlen, MEM / EVERY + (1 << 20));     /* zero pages skipped */
	/* the original still has its name: restoring it again must say so */
	ck_assert_int_eq(restore_buf(xch, s, len, 0, &b), -EEXIST);
	ck_assert_ptr_nonnull(strstr(xc_get_last_error(xch)->message, "saveme"));
	XC_OK(xch, restore_buf(xch, s, len, XC_RESTORE_NO_NAME, &b));
	compare_memory(xch, a, b, MEM);
	compare_state(xch, a, b);
	ck_assert_int_eq(bld_verify(xch, b, MEM, EVERY, why, sizeof(why)), 0);
	XC_OK(xch, xc_domain_destroy(xch, b));
	XC_OK(xch, restore_buf(xch, raw, rawlen, XC_RESTORE_NO_NAME, &b));
	compare_memory(xch, a, b, MEM);
	XC_OK(xch, xc_domain_destroy(xch, b));
	XC_OK(xch, xc_domain_destroy(xch, a));
	XC_OK(xch, restore_buf(xch, s, len, 0, &b));           /* name free again */
	XC_OK(xch, xc_domain_getname(xch, b, name, sizeof(name)));
	ck_assert_str_eq(name, "saveme");
	XC_OK(xch, xc_domain_destroy(xch, b));
	/* Nothing the builder or restore held stays held: all memory is back. */
	ck_assert_uint_eq(free_pages(xch), free_before);
	free(s);
	free(raw);
	xc_interface_close(xch);
}
END_TEST

START_TEST(test_flags_progress)
{
	xc_interface *xch = xctest_open();
	uint32_t a = bld_guest(xch, 0, SMALL_MEM, EVERY), b;
	struct prog p = { 0, 0, 0, -1 };
	xc_dominfo_t info;
	int fd = memfd_create("stream", 0);

	ck_assert_int_eq(xc_domain_save(xch, fd, a, 0x80, NULL, NULL), -EINVAL);
	/* bit 1 was XC_SAVE_NO_COMPRESS: refused, not taken as "compress" */
	ck_assert_int_eq(xc_domain_save(xch, fd, a, 1U << 1, NULL, NULL), -EINVAL);
	XC_OK(xch, xc_domain_save(xch, fd, a, 0, progress, &p));
	ck_assert_uint_eq(p.last, SMALL_MEM);
	ck_assert_uint_eq(p.total, SMALL_MEM);
	ck_assert_uint_gt(p.calls, 10);
	p = (struct prog){ 0, 0, 0, 3 };
	ck_assert_int_eq(xc_domain_save(xch, fd, a, 0, progress, &p), -ECANCELED);
	XC_OK(xch, xc_domain_getinfo_one(xch, a, &info));
	ck_assert(info.paused);
	ck_assert_int_eq(ftruncate(fd, 0), 0);
	lseek(fd, 0, SEEK_SET);
	XC_OK(xch, xc_domain_save(xch, fd, a, XC_SAVE_DESTROY, NULL, NULL));
	ck_assert_int_eq(xc_domain_getinfo_one(xch, a, &info), -ESRCH);
	lseek(fd, 0, SEEK_SET);
	p = (struct prog){ 0, 0, 0, -1 };
	XC_OK(xch, xc_domain_restore(xch, fd, &b, 0, progress, &p));
	ck_assert_uint_eq(p.last, SMALL_MEM);
	XC_OK(xch, xc_domain_getinfo_one(xch, b, &info));
	ck_assert(info.paused);
	XC_OK(xch, xc_domain_destroy(xch, b));
	close(fd);
	xc_interface_close(xch);
}
END_TEST

/*
 * Failures on the threads that write (save) or read (restore) the pages
 * reach the caller with their own message, and nothing is left behind: a
 * stream that cannot be written, a restore cancelled half way through its
 * pages.
 */
START_TEST(test_pipeline_failures)
{
	xc_interface *xch = xctest_open();
	uint32_t a = bld_guest(xch, 0, SMALL_MEM, EVERY), b = 0;
	struct prog p = { 0, 0, 0, 5 };
	xc_dominfo_t before[16], info;
	int fd = open("/dev/null", O_RDONLY), nb;
	uint8_t *s;
	size_t len;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(xc_domain_save(xch, fd, a, 0, NULL, NULL), -EBADF);
	ck_assert_ptr_nonnull(strstr(xc_get_last_error(xch)->message, "writing the stream"));
	ck_assert_int_eq(xc_domain_save(xch, fd, a, 0, NULL, NULL), -EBADF);
	close(fd);
	XC_OK(xch, xc_domain_getinfo_one(xch, a, &info));       /* still there, still paused */
	ck_assert(info.paused);
	s = save_to_buf(xch, a, 0, &len);
	nb = xc_domain_getinfolist(xch, 0, 16, before);
	fd = memfd_create("stream", 0);
	ck_assert_int_eq(write(fd, s, len), (ssize_t)len);
	lseek(fd, 0, SEEK_SET);
	ck_assert_int_eq(xc_domain_restore(xch, fd, &b, XC_RESTORE_NO_NAME, progress, &p), -ECANCELED);
	ck_assert_ptr_nonnull(strstr(xc_get_last_error(xch)->message, "cancelled"));
	ck_assert_int_eq(xc_domain_getinfolist(xch, 0, 16, before), nb);
	close(fd);
	XC_OK(xch, xc_domain_destroy(xch, a));
	free(s);
	xc_interface_close(xch);
}
END_TEST

/* Destroys the domain through another handle when the save has read 10 MiB. */
struct killer { xc_interface *other; uint32_t domid; unsigned calls; };

static int destroy_midway(void *arg, uint64_t done, uint64_t total)
{
	struct killer *k = arg;

	(void)done;
	(void)total;
	if (++k->calls == 10)
		XC_OK(k->other, xc_domain_destroy(k->other, k->domid));
	return 0;
}

/*
 * The domain destroyed by another client while its RMA is being saved:
 * the pages already held stay readable, the next part of the domain cannot
 * be held, and the save fails naming it; once it has returned, every page
 * it held is free again.
 */
START_TEST(test_destroyed_mid_save)
{
	xc_interface *xch = xctest_open();
	uint64_t free_before = free_pages(xch);
	struct killer k = { xctest_open(), 0, 0 };
	int fd = memfd_create("stream", 0);

	k.domid = bld_guest(xch, 0, SMALL_MEM, EVERY);
	ck_assert_int_lt(xc_domain_save(xch, fd, k.domid, 0, destroy_midway, &k), 0);
	ck_assert_uint_ge(k.calls, 10);
	ck_assert_uint_lt(k.calls, SMALL_MEM >> 20);
	ck_assert_ptr_nonnull(strstr(xc_get_last_error(xch)->message, "save: cannot map"));
	ck_assert_uint_eq(free_pages(xch), free_before);
	close(fd);
	xc_interface_close(k.other);
	xc_interface_close(xch);
}
END_TEST

/* A vcpu that never had a context is saved as such and stays so. */
START_TEST(test_uninitialised_vcpu)
{
	xc_interface *xch = xctest_open();
	uint32_t a = bld_domain(xch, 3, SMALL_MEM), b;
	xc_ppc_build_args_t args = { 0 };
	xc_vcpu_context_t ca, cb;
	uint8_t *k, *s;
	size_t klen, len;

	bld_kernel("exec", 0, 0, &k, &klen);
	args.kernel = k;
	args.kernel_len = klen;
	XC_OK(xch, xc_ppc_build(xch, a, &args));
	s = save_to_buf(xch, a, 0, &len);
	XC_OK(xch, restore_buf(xch, s, len, 0, &b));
	XC_OK(xch, xc_vcpu_getcontext(xch, a, 0, &ca));
	XC_OK(xch, xc_vcpu_getcontext(xch, b, 0, &cb));
	ck_assert_mem_eq(&ca, &cb, sizeof(ca));
	ck_assert_int_eq(xc_vcpu_getcontext(xch, b, 2, &cb), -ENODATA);
	compare_memory(xch, a, b, SMALL_MEM);
	XC_OK(xch, xc_domain_destroy(xch, a));
	XC_OK(xch, xc_domain_destroy(xch, b));
	free(s);
	free(k);
	xc_interface_close(xch);
}
END_TEST

/* Offset of the n-th record of type t (0 if none). */
static size_t rec_at(const uint8_t *b, size_t len, uint32_t t, unsigned n)
{
	size_t off = 24;

	while (off + 8 <= len) {
		uint32_t type = be32_load(b + off), l = be32_load(b + off + 4);
		if (type == t && n-- == 0)
			return off;
		off += 8 + ((l + 7) & ~7U);
	}
	return 0;
}

static void put32(uint8_t *b, size_t len, uint32_t t, unsigned n, size_t field, uint32_t v)
{
	size_t off = rec_at(b, len, t, n);

	ck_assert_uint_ne(off, 0);
	be32_store(b + off + field, v);
}

enum { CONFIG = 1, VCPU, MEMMAP, PAGES, EVTCHN, GNTTAB, END };

struct corrupt {
	const char *what;
	int rc;
	const char *msg;
};

static const struct corrupt corrupts[] = {
	{ "empty stream", -ENODATA, "truncated" },
	{ "cut inside the header", -ENODATA, "truncated" },
	{ "cut in the middle", -ENODATA, "truncated" },
	{ "no END record", -ENODATA, "truncated" },
	{ "bad magic", -EPROTO, "magic" },
	{ "version 2", -EPROTONOSUPPORT, "version 2" },
	{ "page size 64 KiB", -EPROTO, "page size" },
	{ "record length 2 GiB", -EFBIG, "limit" },
	{ "unknown record type", -EPROTO, "unknown record type" },
	{ "records out of order", -EPROTO, "unexpected MEMMAP" },
	{ "RMA of 32 MiB", -EPROTO, "RMA size" },
	{ "zero vcpus", -EPROTO, "vcpus" },
	{ "4 TiB of memory", -EFBIG, "memory" },
	{ "memory map disagrees with CONFIG", -EPROTO, "MEMMAP" },
	{ "pages outside memory", -EPROTO, "outside the memory map" },
	{ "empty page batch", -EPROTO, "batch of 0 pages" },
	{ "damaged page data", -EPROTO, "" },
	{ "CRC32 mismatch", -EPROTO, "CRC32 mismatch" },
	{ "END length wrong", -EPROTO, "stream length" },
	{ "vcpu saved twice", -EPROTO, "vcpu 0" },
	{ "2000 event channels", -EPROTO, "EVTCHN" },
};

static void damage(unsigned i, uint8_t *b, size_t *len)
{
	size_t p;

	switch (i) {
	case 0: *len = 0; break;
	case 1: *len = 10; break;
	case 2: *len /= 2; break;
	case 3: *len -= 8 + 16; break;
	case 4: b[0] ^= 1; break;
	case 5: be32_store(b + 8, 2); break;
	case 6: be32_store(b + 12, 65536); break;
	case 7: be32_store(b + 28, 0x7ffffff0); break;
	case 8: be32_store(b + 24, 99); break;
	case 9: put32(b, *len, VCPU, 0, 0, MEMMAP); break;
	case 10: put32(b, *len, CONFIG, 0, 8 + 16, 25); break;
	case 11: put32(b, *len, CONFIG, 0, 8 + 20, 0); break;
	case 12: put32(b, *len, CONFIG, 0, 8, 4096); break;       /* high word of mem_bytes */
	case 13: put32(b, *len, MEMMAP, 0, 8 + 16, 11); break;    /* first extent's order */
	case 14: put32(b, *len, PAGES, 0, 8, 0x40); break;        /* gpfn high word */
	case 15: put32(b, *len, PAGES, 0, 8 + 8, 0); break;
	case 16:
		p = rec_at(b, *len, PAGES, 2);
		ck_assert_uint_ne(p, 0);
		b[p + 8 + 56 + 200] ^= 0xff;
		break;
	case 17: p = rec_at(b, *len, END, 0); b[p + 8 + 8] ^= 1; break;
	case 18: p = rec_at(b, *len, END, 0); b[p + 8 + 7] ^= 1; break;
	case 19: put32(b, *len, VCPU, 1, 8, 0); break;
	case 20: put32(b, *len, EVTCHN, 0, 8, 2000); break;
	}
}

/*
 * One good stream for every corruption case, made in the (unchecked)
 * fixture, i.e. in the parent process, so each forked case inherits it.
 */
static uint8_t *good_stream;
static size_t good_len;

static void corrupt_setup(void)
{
	xc_interface *xch;
	uint32_t a, port;

	xctest_hv_setup();
	xch = xctest_open();
	a = bld_guest(xch, 0, SMALL_MEM, EVERY);
	XC_OK(xch, xc_evtchn_alloc_unbound(xch, a, 0, &port));
	good_stream = save_to_buf(xch, a, XC_SAVE_DESTROY, &good_len);
	xc_interface_close(xch);
}

static void corrupt_teardown(void)
{
	free(good_stream);
	xctest_hv_teardown();
}

START_TEST(test_corrupt)
{
	const struct corrupt *c = &corrupts[_i];
	xc_interface *xch = xctest_open();
	uint32_t b = 0;
	xc_dominfo_t before[16], after[16];
	xc_physinfo_t pb, pa;
	uint8_t *s = malloc(good_len);
	size_t len = good_len;
	int nb, na, rc, i;

	memcpy(s, good_stream, good_len);
	damage((unsigned)_i, s, &len);
	nb = xc_domain_getinfolist(xch, 0, 16, before);
	XC_OK(xch, xc_physinfo(xch, &pb));
	rc = restore_buf(xch, s, len, XC_RESTORE_NO_NAME, &b);
	ck_assert_msg(rc == c->rc, "%s: rc %d, expected %d: %s", c->what, rc, c->rc,
	              xc_get_last_error(xch)->message);
	ck_assert_msg(strstr(xc_get_last_error(xch)->message, c->msg) != NULL, "%s: '%s'", c->what,
	              xc_get_last_error(xch)->message);
	ck_assert_ptr_nonnull(strstr(xc_get_last_error(xch)->message, "restore"));
	na = xc_domain_getinfolist(xch, 0, 16, after);
	ck_assert_int_eq(na, nb);                      /* nothing half-made stays behind */
	/* and its memory comes back (the hypervisor scrubs freed memory in the background) */
	for (i = 0; i < SCRUB_WAIT_MS; i++) {
		XC_OK(xch, xc_physinfo(xch, &pa));
		if (pa.free_pages >= pb.free_pages)
			break;
		usleep(1000);
	}
	ck_assert_uint_ge(pa.free_pages, pb.free_pages);
	free(s);
	xc_interface_close(xch);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("save");
	TCase *tc = tcase_create("save"), *tcc = tcase_create("corrupt");

	tcase_add_unchecked_fixture(tc, xctest_hv_setup, xctest_hv_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_flags_progress);
	tcase_add_test(tc, test_destroyed_mid_save);
	tcase_add_test(tc, test_uninitialised_vcpu);
	tcase_add_test(tc, test_pipeline_failures);
	suite_add_tcase(s, tc);
	tcase_add_unchecked_fixture(tcc, corrupt_setup, corrupt_teardown);
	tcase_set_timeout(tcc, 60);
	tcase_add_loop_test(tcc, test_corrupt, 0, (int)(sizeof(corrupts) / sizeof(corrupts[0])));
	suite_add_tcase(s, tcc);
	return check_run(s);
}
