/*
 * Fuzz target for the libxencomm walker.
 *
 * An input is a guest window plus one request: the walker must never crash,
 * never touch memory outside the window (the window is its own heap block
 * and the translate callback only hands out its pages, so ASan sees any
 * stray access), and must agree exactly with a byte-at-a-time reference
 * walker written from the contract in libxencomm/xencomm.h: same result
 * code, same bytes copied, and nothing moved when it fails.
 *
 * Two builds of this file:
 *  - libFuzzer (BUILD runs it from the test script), from the top source dir:
 *      clang -g -O1 -fsanitize=fuzzer,address,undefined -DXENCOMM_FUZZ_NO_MAIN \
 *          -I include -I libxencomm tests/xencomm/fuzz-walker.c \
 *          libxencomm/xencomm_build.c libxencomm/xencomm_walk.c -o fuzz-walker-libfuzzer
 *      ./fuzz-walker-libfuzzer -max_total_time=30 tests/xencomm/fuzz-regressions
 *    (without -DXENCOMM_FUZZ_NO_MAIN it works too: the standalone main is
 *    weak, so libFuzzer's main wins.)
 *  - standalone (make check, every configuration): a seeded generator of
 *    valid descriptors plus mutations, bounded by time and iterations, that
 *    first replays every file in tests/xencomm/fuzz-regressions/.
 *      fuzz-walker [-t SECONDS] [-n ITERATIONS] [-s SEED] [-w FILE] [FILE|DIR...]
 *    -w writes the last generated input to FILE (reproduce with -s and -n);
 *    -n 0 only replays.  A crash or a disagreement writes the input to
 *    fuzz-walker-crash.bin in the current directory: add it to
 *    tests/xencomm/fuzz-regressions/ (and EXTRA_DIST) with the fix.
 *    The files there now are the inputs that caught seeded walker bugs
 *    (INVALID first entry, short last chunk, merging non-contiguous spans,
 *    a descriptor 8 bytes over its page, an offset inside a 7-byte chunk,
 *    offset + length wrapping, nr_addrs 512).
 *
 * Input layout (FUZZ_HDR bytes, then the window):
 *   [0]      mode bits, see FZ_*
 *   [1..8]   handle, big-endian (relative to the window with FZ_REL_HANDLE)
 *   [9..16]  offset, big-endian (small with FZ_SMALL_OFFSET)
 *   [17..20] length, big-endian (small unless FZ_RAW_LEN)
 *   [21..]   window bytes, zero-padded to whole pages, at most FUZZ_MAX_PAGES
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xencomm.h"

#define PG             ((uint64_t)XEN_PAGE_SIZE)
#define FUZZ_HDR       21
#define FUZZ_MAX_PAGES 8
#define FUZZ_MAX_INPUT (FUZZ_HDR + FUZZ_MAX_PAGES * XEN_PAGE_SIZE)
#define WIN_GPA        0x10000ULL       /* above 0, so handle 0 stays NULL */
/* No successful copy is longer: 511 entries may all name one window page. */
#define FUZZ_MAX_COPY  ((uint64_t)XENCOMM_MAX_ADDRS * XEN_PAGE_SIZE)

#define FZ_TO_GUEST      0x01   /* copy_to instead of copy_from */
#define FZ_REL_HANDLE    0x02   /* handle = WIN_GPA + raw % (size + 1 page) */
#define FZ_INLINE        0x04   /* set XENCOMM_INLINE_FLAG on the handle */
#define FZ_SMALL_OFFSET  0x08   /* offset = raw % (2 * size) */
#define FZ_RAW_LEN       0x10   /* length as given (else % (2 * size + 1)) */
#define FZ_STAMP_MAGIC   0x20   /* write XENCOMM_MAGIC where the handle points */
#define FZ_REL_ENTRIES   0x40   /* entries = WIN_GPA + raw % (size + 1 page) */
#define FZ_HOLE          0x80   /* the window's last page is not the caller's */

/* How often each result came up: the driver shows the spread it reached. */
#define FUZZ_NR_RESULTS 128
static uint64_t results[FUZZ_NR_RESULTS];

struct fz {
	uint8_t *win;           /* exactly size bytes, its own heap block */
	uint64_t size;
	int hole;
};

struct request {
	uint64_t handle, offset, len;
	int to_guest;
};

/* ---- the guest: a window and its translate callback ------------------- */

static int owned(const struct fz *z, uint64_t gpa)
{
	if (gpa < WIN_GPA || gpa - WIN_GPA >= z->size)
		return 0;
	return !(z->hole && gpa - WIN_GPA >= z->size - PG);
}

static uint8_t *fz_xlate(void *ctx, uint64_t gpa, int write)
{
	struct fz *z = ctx;

	(void)write;
	if (gpa % PG)
		abort();                /* the walker broke the callback contract */
	return owned(z, gpa) ? z->win + (gpa - WIN_GPA) : NULL;
}

/* Relative address: somewhere in the window or the page after it. */
static uint64_t rel(const struct fz *z, uint64_t raw)
{
	return WIN_GPA + raw % (z->size + PG);
}

/* Decode an input into a window and a request; 0 if it is too short. */
static int decode(const uint8_t *data, size_t n, struct fz *z, struct request *rq)
{
	uint8_t mode;
	size_t body;

	if (n < FUZZ_HDR)
		return 0;
	mode = data[0];
	body = n - FUZZ_HDR;
	if (body > FUZZ_MAX_PAGES * PG)
		body = FUZZ_MAX_PAGES * PG;
	z->size = body == 0 ? PG : (body + PG - 1) / PG * PG;
	z->hole = (mode & FZ_HOLE) && z->size > PG;
	z->win = calloc(1, (size_t)z->size);
	if (z->win == NULL)
		return 0;
	memcpy(z->win, data + FUZZ_HDR, body);
	rq->to_guest = mode & FZ_TO_GUEST;
	rq->handle = be64_load(data + 1);
	rq->offset = be64_load(data + 9);
	rq->len = be32_load(data + 17);
	if (mode & FZ_REL_HANDLE)
		rq->handle = rel(z, rq->handle);
	if (mode & FZ_INLINE)
		rq->handle |= XENCOMM_INLINE_FLAG;
	if (mode & FZ_SMALL_OFFSET)
		rq->offset %= 2 * z->size;
	if (!(mode & FZ_RAW_LEN))
		rq->len %= 2 * z->size + 1;
	return 1;
}

/*
 * Optional help for a blind generator: make the handle point at a
 * descriptor with the right magic and entries inside the window.
 */
static void shape(struct fz *z, const struct request *rq, uint8_t mode)
{
	uint64_t off = rq->handle - WIN_GPA, i, room;

	if ((rq->handle & XENCOMM_INLINE_FLAG) || rq->handle < WIN_GPA ||
	    off % XENCOMM_DESC_ALIGN || off + 8 > z->size)
		return;
	if (mode & FZ_STAMP_MAGIC)
		be32_store(z->win + off, XENCOMM_MAGIC);
	if (!(mode & FZ_REL_ENTRIES))
		return;
	room = (z->size - off - 8) / 8;
	for (i = 0; i < room && i < be32_load(z->win + off + 4) && i < XENCOMM_MAX_ADDRS; i++) {
		uint8_t *e = z->win + off + 8 + 8 * i;

		if (be64_load(e) != XENCOMM_INVALID)
			be64_store(e, rel(z, be64_load(e)));
	}
}

/* ---- the reference walker: one byte at a time ------------------------- */

static void ref_move(uint8_t *win, uint8_t *buf, uint64_t gpa, int to_guest)
{
	if (to_guest)
		win[gpa - WIN_GPA] = *buf;
	else
		*buf = win[gpa - WIN_GPA];
}

static int ref_inline(const struct fz *z, uint8_t *win, const struct request *rq, uint8_t *buf)
{
	uint64_t base = rq->handle & ~XENCOMM_INLINE_FLAG, i;

	if (rq->offset > XENCOMM_INLINE_FLAG - base ||
	    rq->len > XENCOMM_INLINE_FLAG - base - rq->offset)
		return -ERANGE;
	for (i = 0; i < rq->len; i++)
		if (!owned(z, base + rq->offset + i))
			return -EFAULT;
	for (i = 0; i < rq->len; i++)
		ref_move(win, buf + i, base + rq->offset + i, rq->to_guest);
	return 0;
}

/*
 * Walk the entries: check the page of every chunk the range touches, then
 * move the bytes one by one.  No spans, no merging: a different shape from
 * the walker's, so the two do not share a mistake.
 */
static int ref_entries(const struct fz *z, uint8_t *win, const struct request *rq,
                       const uint64_t *a, uint32_t nr, uint8_t *buf)
{
	uint64_t pos, end = rq->offset + rq->len, b;
	uint32_t i;
	int seen = 0, pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0, pos = 0; i < nr && pos < end; i++) {
			uint64_t n, lo, hi;

			if (a[i] == XENCOMM_INVALID)
				continue;
			seen = 1;
			n = PG - a[i] % PG;
			lo = rq->offset > pos ? rq->offset : pos;
			hi = end < pos + n ? end : pos + n;
			if (lo < hi && pass == 0 && !owned(z, a[i]))
				return -EFAULT;
			for (b = lo; pass == 1 && b < hi; b++)
				ref_move(win, buf + (b - rq->offset), a[i] + (b - pos), rq->to_guest);
			pos += n;
		}
		if (pos < end)
			return seen ? -ERANGE : -EFAULT;
	}
	return 0;
}

static int ref_walk(const struct fz *z, uint8_t *win, const struct request *rq, uint8_t *buf)
{
	static uint64_t a[XENCOMM_MAX_ADDRS];
	const uint8_t *d;
	uint64_t h = rq->handle;
	uint32_t nr, i;

	if (rq->len == 0)
		return 0;
	if (rq->offset + rq->len < rq->offset)
		return -EOVERFLOW;
	if (h == 0)
		return -EFAULT;
	if (h & XENCOMM_INLINE_FLAG)
		return ref_inline(z, win, rq, buf);
	if (h % 8)
		return -EINVAL;
	if (!owned(z, h))
		return -EFAULT;
	d = win + (h - WIN_GPA);
	if (be32_load(d) != XENCOMM_MAGIC)
		return -EINVAL;
	nr = be32_load(d + 4);
	if (nr > XENCOMM_MAX_ADDRS)
		return -E2BIG;
	if (h % PG + 8 + 8 * (uint64_t)nr > PG)
		return -EINVAL;
	for (i = 0; i < nr; i++)        /* read once: copy_to may overwrite them */
		a[i] = be64_load(d + 8 + 8 * i);
	return ref_entries(z, win, rq, a, nr, buf);
}

/* ---- one input ------------------------------------------------------- */

/*
 * The most bytes a successful copy could move for this input: the window
 * for an inline handle, nr_addrs pages for a descriptor.  The walker gets a
 * buffer of at most this size, so an unchecked longer copy is an ASan error
 * rather than a silent write into a large spare buffer.
 */
static uint64_t copy_bound(const struct fz *z, uint64_t h)
{
	uint64_t off = h - WIN_GPA;
	uint32_t nr;

	if (h & XENCOMM_INLINE_FLAG)
		return z->size;
	if (h < WIN_GPA || off >= z->size || z->size - off < 8)
		return 0;
	nr = be32_load(z->win + off + 4);
	return (uint64_t)(nr < XENCOMM_MAX_ADDRS ? nr : XENCOMM_MAX_ADDRS) * PG;
}

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz-walker: walker and reference disagree: %s\n", what);
		abort();
	}
}

/*
 * A buffer of n bytes that ends where its heap block ends, so a copy past
 * n is an ASan error.  The blocks are allocated once: fresh multi-MiB
 * blocks per input would spend the run in page faults.
 */
static uint8_t *buffer_ending_at(int which, uint64_t n)
{
	static uint8_t *block[2];

	if (block[which] == NULL)
		block[which] = malloc((size_t)FUZZ_MAX_COPY);
	return block[which] == NULL ? NULL : block[which] + (FUZZ_MAX_COPY - n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct fz z;
	struct request rq;
	struct xencomm_guest g = { fz_xlate, &z };
	uint64_t cap;
	uint8_t *buf, *ref_buf, *ref_win;
	int rc, ref;

	if (!decode(data, n, &z, &rq))
		return 0;
	shape(&z, &rq, data[0]);
	cap = copy_bound(&z, rq.handle);
	if (rq.len < cap)
		cap = rq.len;
	buf = buffer_ending_at(0, cap);
	ref_buf = buffer_ending_at(1, cap);
	ref_win = malloc((size_t)z.size);
	if (buf == NULL || ref_buf == NULL || ref_win == NULL)
		goto out;
	memset(buf, 0xa5, (size_t)cap);
	memset(ref_buf, 0xa5, (size_t)cap);
	memcpy(ref_win, z.win, (size_t)z.size);

	/* The walker is handed exactly cap bytes: no more is valid. */
	if (rq.to_guest)
		rc = xencomm_copy_to_guest(&g, rq.handle, rq.offset, buf, rq.len);
	else
		rc = xencomm_copy_from_guest(&g, buf, rq.handle, rq.offset, rq.len);
	ref = ref_walk(&z, ref_win, &rq, ref_buf);
	check(rc == ref, "result code");
	if (rc <= 0 && rc > -FUZZ_NR_RESULTS)
		results[-rc]++;
	check(rq.len <= cap || rc != 0, "success beyond the largest possible copy");
	check(memcmp(buf, ref_buf, (size_t)cap) == 0, "bytes copied out");
	check(memcmp(z.win, ref_win, (size_t)z.size) == 0, "window contents");
out:
	free(ref_win);
	free(z.win);
	return 0;
}

#ifndef XENCOMM_FUZZ_NO_MAIN
/* ---- the standalone driver ------------------------------------------- */

#define FUZZ_DEFAULT_SECONDS 3
#define FUZZ_CORPUS          64         /* recent inputs kept for mutation */
#define FUZZ_MAX_MUTATIONS   6
#define FUZZ_CRASH_FILE      "fuzz-walker-crash.bin"
#define FUZZ_REGRESSIONS     "/tests/xencomm/fuzz-regressions"
#define FUZZ_PATH_MAX        4096

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint8_t cur[FUZZ_MAX_INPUT];     /* the input being run, for a crash */
static size_t cur_len;
static uint8_t corpus[FUZZ_CORPUS][FUZZ_MAX_INPUT];
static size_t corpus_len[FUZZ_CORPUS];

static uint64_t rnd(void)               /* xorshift64* */
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static uint64_t interesting(uint64_t size)
{
	const uint64_t v[] = { 0, 1, 7, 8, 511, 512, PG - 8, PG, PG + 1, UINT32_MAX,
		XENCOMM_MAGIC, XENCOMM_INVALID, WIN_GPA, WIN_GPA + size, WIN_GPA + size - PG,
		WIN_GPA + PG - 8, XENCOMM_INLINE_FLAG, XENCOMM_INLINE_FLAG - 1, UINT64_MAX };

	return v[rnd() % (sizeof(v) / sizeof(v[0]))];
}

/* A header for a request on a window of pages pages. */
static void put_hdr(uint8_t *in, uint8_t mode, uint64_t h, uint64_t off, uint32_t len)
{
	in[0] = mode;
	be64_store(in + 1, h);
	be64_store(in + 9, off);
	be32_store(in + 17, len);
}

/* A valid request: a real descriptor from the builder, a sane range. */
static size_t gen_valid(uint8_t *in)
{
	uint64_t pages = 2 + rnd() % (FUZZ_MAX_PAGES - 1), size = pages * PG;
	uint64_t desc_off = 8 * (rnd() % 64), buf_off = PG + rnd() % (size - PG);
	uint64_t len = 1 + rnd() % (size - buf_off), h, i;
	struct xencomm_window w = { in + FUZZ_HDR, WIN_GPA, size };

	for (i = 0; i < size; i++)
		in[FUZZ_HDR + i] = (uint8_t)rnd();
	/* A descriptor, or (if it does not fit, or by chance) an inline handle. */
	if (rnd() % 4 == 0 || xencomm_build(&w, in + FUZZ_HDR + buf_off, len,
	                                    in + FUZZ_HDR + desc_off,
	                                    (size_t)(PG - desc_off), &h) < 0)
		h = xencomm_inline_handle(WIN_GPA + buf_off);
	put_hdr(in, (uint8_t)((rnd() & FZ_TO_GUEST) | FZ_RAW_LEN | (rnd() % 8 ? 0 : FZ_HOLE)),
	        h, rnd() % (len + 1), (uint32_t)(rnd() % (len + 2)));
	return FUZZ_HDR + (size_t)size;
}

/* An entry: mostly window pages at telling in-page offsets, some bad. */
static uint64_t gen_entry(uint64_t size)
{
	static const uint64_t in_page[] = { 0, 1, 8, PG / 2, PG - 8, PG - 7, PG - 1 };
	uint64_t page = WIN_GPA + rnd() % (size / PG) * PG;

	switch (rnd() % 10) {
	case 0: return XENCOMM_INVALID;
	case 1: return WIN_GPA + size + rnd() % PG;          /* past the window */
	case 2: return interesting(size);
	case 3: return page + rnd() % PG;
	default: return page + in_page[rnd() % (sizeof(in_page) / sizeof(in_page[0]))];
	}
}

/*
 * A hand-made descriptor: INVALID entries, repeated and out-of-order
 * pages, odd chunk sizes, a descriptor that ends at (or just past) its
 * page end, and a range chosen near the edges of what it describes.
 */
static size_t gen_desc(uint8_t *in)
{
	uint64_t size = (1 + rnd() % FUZZ_MAX_PAGES) * PG, total = 0, off, i;
	uint64_t desc_off = rnd() % 2 ? 8 * (rnd() % 16) : PG - 8 * (1 + rnd() % 16);
	uint64_t room = (PG - desc_off - 8) / 8, nr = rnd() % (room < 12 ? room + 1 : 12);
	uint8_t *d = in + FUZZ_HDR + desc_off;

	for (i = 0; i < size; i++)
		in[FUZZ_HDR + i] = (uint8_t)rnd();
	if (rnd() % 8 == 0)
		nr = room + rnd() % 2;                      /* fills the page, or one too many */
	be32_store(d, XENCOMM_MAGIC);
	be32_store(d + 4, (uint32_t)nr);
	for (i = 0; i < nr && i < room; i++) {
		uint64_t a = gen_entry(size);

		be64_store(d + 8 + 8 * i, a);
		if (a != XENCOMM_INVALID)
			total += PG - a % PG;
	}
	off = rnd() % 3 ? rnd() % (total + 1) : total - (total ? rnd() % 2 : 0);
	put_hdr(in, (uint8_t)((rnd() & FZ_TO_GUEST) | FZ_RAW_LEN | (rnd() % 8 ? 0 : FZ_HOLE)),
	        WIN_GPA + desc_off + (rnd() % 16 == 0 ? 4 : 0), off,
	        (uint32_t)(rnd() % 4 ? total - off : rnd() % (total - off + 3)));
	return FUZZ_HDR + (size_t)size;
}

/* Set the handle, offset or length to an edge value, or nudge it by a little. */
static void mutate_field(uint8_t *in, size_t n)
{
	uint64_t delta = rnd() % 17 - 8;

	switch (rnd() % 3) {
	case 0: be64_store(in + 1, rnd() % 2 ? interesting(n) : be64_load(in + 1) + delta); break;
	case 1: be64_store(in + 9, rnd() % 2 ? interesting(n) - rnd() % 16 : be64_load(in + 9) + delta); break;
	default: be32_store(in + 17, (uint32_t)(rnd() % 2 ? interesting(n) : be32_load(in + 17) + delta)); break;
	}
}

/* Damage an input in a few places, preferring values walkers get wrong. */
static void mutate(uint8_t *in, size_t n)
{
	unsigned k, count = 1 + (unsigned)(rnd() % FUZZ_MAX_MUTATIONS);

	for (k = 0; k < count; k++) {
		size_t at = (size_t)(rnd() % n);

		switch (rnd() % 6) {
		case 0: in[at] ^= (uint8_t)(1u << (rnd() % 8)); break;
		case 1: in[at] = (uint8_t)rnd(); break;
		case 2:
			if (at + 4 <= n)
				be32_store(in + at, (uint32_t)interesting(n));
			break;
		case 3:
			at &= ~(size_t)7;       /* descriptor entries are 8-aligned */
			if (at + 8 <= n)
				be64_store(in + at, interesting(n));
			break;
		case 4:                 /* a request field: handle, offset or length */
			mutate_field(in, n);
			break;
		default: in[0] ^= (uint8_t)(1u << (rnd() % 8)); break;
		}
	}
}

/* The next input: fresh, random, or a mutated earlier one. */
static size_t generate(uint8_t *in, uint64_t iter)
{
	size_t n, slot = (size_t)(iter % FUZZ_CORPUS);

	switch (iter < FUZZ_CORPUS ? rnd() % 2 : rnd() % 5) {
	case 0:
		n = gen_valid(in);
		break;
	case 1:
		n = gen_desc(in);
		break;
	case 2:
		n = FUZZ_HDR + (size_t)(rnd() % (3 * PG));
		for (size_t i = 0; i < n; i++)
			in[i] = (uint8_t)rnd();
		break;
	default: {
		size_t from = (size_t)(rnd() % FUZZ_CORPUS);

		n = corpus_len[from];
		memcpy(in, corpus[from], n);
		break;
	}
	}
	if (rnd() % 2)
		mutate(in, n);
	memcpy(corpus[slot], in, n);
	corpus_len[slot] = n;
	return n;
}

/* Write the input being run when the process dies, async-signal-safely. */
static void save_crash(void)
{
	int fd = open(FUZZ_CRASH_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	static const char msg[] = "fuzz-walker: input saved in " FUZZ_CRASH_FILE "\n";

	if (fd < 0)
		return;
	if (write(fd, cur, cur_len) == (ssize_t)cur_len)
		(void)!write(2, msg, sizeof(msg) - 1);
	close(fd);
}

static void on_fatal(int sig)
{
	save_crash();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* ASan and UBSan exit without a signal: ask them to call us first. */
#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_HAVE_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_HAVE_SANITIZER 1
#endif
#endif
#ifdef FUZZ_HAVE_SANITIZER
void __sanitizer_set_death_callback(void (*callback)(void));
#endif

static void catch_crashes(void)
{
	signal(SIGSEGV, on_fatal);
	signal(SIGBUS, on_fatal);
	signal(SIGABRT, on_fatal);
	signal(SIGILL, on_fatal);
	signal(SIGFPE, on_fatal);
#ifdef FUZZ_HAVE_SANITIZER
	__sanitizer_set_death_callback(save_crash);
#endif
}

static void run(const uint8_t *in, size_t n)
{
	cur_len = n < sizeof(cur) ? n : sizeof(cur);
	memcpy(cur, in, cur_len);
	LLVMFuzzerTestOneInput(cur, cur_len);
}

/* Replay one regression file; -1 if it cannot be read. */
static int replay_file(const char *path)
{
	static uint8_t in[FUZZ_MAX_INPUT];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL)
		return -1;
	n = fread(in, 1, sizeof(in), f);
	fclose(f);
	run(in, n);
	return 0;
}

/* Replay a file or every regular file in a directory; files replayed or -1. */
static int replay(const char *path)
{
	char file[FUZZ_PATH_MAX];
	struct dirent *de;
	struct stat st;
	DIR *dir;
	int count = 0;

	if (stat(path, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode))
		return replay_file(path) == 0 ? 1 : -1;
	dir = opendir(path);
	if (dir == NULL)
		return -1;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (snprintf(file, sizeof(file), "%s/%s", path, de->d_name) >= (int)sizeof(file) ||
		    stat(file, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (replay_file(file) == 0)
			count++;
	}
	closedir(dir);
	return count;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int usage(void)
{
	fprintf(stderr, "usage: fuzz-walker [-t SECONDS] [-n ITERATIONS] [-s SEED] [-w FILE] [FILE|DIR...]\n");
	return 2;
}

/* Replay the regressions, then generate for a bounded time or count. */
int main(int argc, char **argv) __attribute__((weak));
int main(int argc, char **argv)
{
	static uint8_t in[FUZZ_MAX_INPUT];
	double seconds = FUZZ_DEFAULT_SECONDS, start;
	uint64_t seed = (uint64_t)time(NULL), max_iter = UINT64_MAX, iter;
	const char *out = NULL, *srcdir = getenv("abs_top_srcdir");
	char dflt[FUZZ_PATH_MAX];
	int opt, replayed = 0, r, i;
	size_t n = 0;

	while ((opt = getopt(argc, argv, "t:n:s:w:")) != -1) {
		switch (opt) {
		case 't': seconds = strtod(optarg, NULL); break;
		case 'n': max_iter = strtoull(optarg, NULL, 0); seconds = 1e9; break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'w': out = optarg; break;
		default: return usage();
		}
	}
	catch_crashes();
	for (i = optind; i < argc; i++) {
		if ((r = replay(argv[i])) < 0) {
			fprintf(stderr, "fuzz-walker: %s: cannot read\n", argv[i]);
			return 2;
		}
		replayed += r;
	}
	if (optind == argc && srcdir != NULL &&
	    snprintf(dflt, sizeof(dflt), "%s%s", srcdir, FUZZ_REGRESSIONS) < (int)sizeof(dflt) &&
	    (r = replay(dflt)) > 0)
		replayed += r;

	rng ^= seed * 0xd1342543de82ef95ULL;
	start = now();
	for (iter = 0; iter < max_iter && ((iter & 63) != 0 || now() - start < seconds); iter++) {
		n = generate(in, iter);
		run(in, n);
	}
	if (out != NULL && n > 0) {
		FILE *f = fopen(out, "wb");

		if (f == NULL || fwrite(cur, 1, cur_len, f) != cur_len || fclose(f) != 0) {
			fprintf(stderr, "fuzz-walker: %s: cannot write\n", out);
			return 2;
		}
	}
	printf("fuzz-walker: seed %" PRIu64 ": %d regression inputs replayed, %" PRIu64
	       " generated inputs in %.1f s, no disagreement\nresults:", seed, replayed, iter,
	       now() - start);
	for (i = 0; i < FUZZ_NR_RESULTS; i++)
		if (results[i] != 0)
			printf(" %s %" PRIu64 ",", i == 0 ? "ok" : strerror(i), results[i]);
	printf("\n");
	return 0;
}
#endif /* XENCOMM_FUZZ_NO_MAIN */
