/*
 * dump-core: a domain's memory as an ELF64 big-endian PowerPC core file,
 * one PT_LOAD per contiguous guest-physical range (p_paddr = guest
 * address), and a "Xen" header note as Xen's xc_core wrote.  All-zero
 * pages are left as holes, so a mostly empty domain makes a small file.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xenguest.h>
#include "dominfo.h"
#include "progress.h"
#include "runrec.h"
#include "xmctl.h"

#define CORE_EHDR_SIZE   64
#define CORE_PHDR_SIZE   56
#define CORE_MAX_SEGMENTS 4096        /* merged ranges; far above any real domain's */
#define CORE_CHUNK       (1U << 20)  /* bytes read per call: XEN_MEMCOPY_MAX_BYTES */
#define CORE_NOTE_NAME   "Xen"
#define CORE_NOTE_HEADER 0x2000001U  /* XEN_ELFNOTE_DUMPCORE_HEADER */
#define CORE_MAGIC       0xF00FEBEDULL
#define CORE_NOTE_SIZE   (12 + 4 + 32) /* nhdr, "Xen\0", four u64 */
#define EM_PPC64_CORE    21

struct segment {
	uint64_t gpaddr, size;
};

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)(v >> 16)); put16(p + 2, (uint16_t)v); }
static void put64(uint8_t *p, uint64_t v) { put32(p, (uint32_t)(v >> 32)); put32(p + 4, (uint32_t)v); }

/* The RMA and the extents, merged where they touch. */
static int segments(const xc_guest_memmap_t *m, struct segment *s, size_t *n)
{
	*n = 1;
	s[0] = (struct segment){ 0, (uint64_t)1 << m->rma_log };
	for (uint32_t i = 0; i < m->nr_extents; i++) {
		uint64_t a = m->extents[i].gpfn * XEN_PAGE_SIZE;
		uint64_t len = ((uint64_t)XEN_PAGE_SIZE) << m->extents[i].order;

		if (s[*n - 1].gpaddr + s[*n - 1].size == a) {
			s[*n - 1].size += len;
			continue;
		}
		if (*n == CORE_MAX_SEGMENTS)
			return -E2BIG;
		s[(*n)++] = (struct segment){ a, len };
	}
	return 0;
}

/* ELF header, program headers and the note, written at the file's start. */
static int write_headers(int fd, const struct segment *s, size_t n, uint64_t data_off,
                         uint32_t nr_vcpus, uint64_t nr_pages)
{
	size_t hsize = CORE_EHDR_SIZE + (n + 1) * CORE_PHDR_SIZE + CORE_NOTE_SIZE;
	uint8_t *h = calloc(1, hsize), *p;
	uint64_t off = data_off;
	int rc = 0;

	if (h == NULL)
		return -ENOMEM;
	memcpy(h, "\177ELF\2\2\1", 7);
	put16(h + 16, 4 /* ET_CORE */);
	put16(h + 18, EM_PPC64_CORE);
	put32(h + 20, 1);
	put64(h + 32, CORE_EHDR_SIZE);
	put16(h + 52, CORE_EHDR_SIZE);
	put16(h + 54, CORE_PHDR_SIZE);
	put16(h + 56, (uint16_t)(n + 1));
	p = h + CORE_EHDR_SIZE;
	put32(p, 4 /* PT_NOTE */);
	put64(p + 8, CORE_EHDR_SIZE + (n + 1) * CORE_PHDR_SIZE);
	put64(p + 32, CORE_NOTE_SIZE);
	for (size_t i = 0; i < n; i++) {
		p += CORE_PHDR_SIZE;
		put32(p, 1 /* PT_LOAD */);
		put32(p + 4, 7 /* RWX */);
		put64(p + 8, off);
		put64(p + 16, s[i].gpaddr);
		put64(p + 24, s[i].gpaddr);
		put64(p + 32, s[i].size);
		put64(p + 40, s[i].size);
		put64(p + 48, XEN_PAGE_SIZE);
		off += s[i].size;
	}
	p += CORE_PHDR_SIZE;
	put32(p, sizeof(CORE_NOTE_NAME));
	put32(p + 4, 32);
	put32(p + 8, CORE_NOTE_HEADER);
	memcpy(p + 12, CORE_NOTE_NAME, sizeof(CORE_NOTE_NAME));
	put64(p + 16, CORE_MAGIC);
	put64(p + 24, nr_vcpus);
	put64(p + 32, nr_pages);
	put64(p + 40, XEN_PAGE_SIZE);
	if (pwrite(fd, h, hsize, 0) != (ssize_t)hsize)
		rc = -errno ? -errno : -EIO;
	free(h);
	return rc;
}

/* Writes the non-zero pages of one segment at off; zero pages stay holes. */
static int write_segment(struct xmctl *x, int fd, uint32_t domid, const struct segment *s,
                         uint64_t off, uint8_t *buf, struct progress *p, uint64_t *done,
                         uint64_t total)
{
	uint8_t zero_map[CORE_CHUNK / XEN_PAGE_SIZE / 8];

	for (uint64_t pos = 0; pos < s->size; pos += CORE_CHUNK) {
		size_t len = s->size - pos < CORE_CHUNK ? (size_t)(s->size - pos) : CORE_CHUNK;
		int64_t rc = xc_guest_memory_read_nonzero(x->xch, domid, s->gpaddr + pos, buf, len,
		                                          zero_map);

		if (rc < 0)
			return (int)rc;
		for (size_t pg = 0; pg < len / XEN_PAGE_SIZE; pg++) {
			if (zero_map[pg / 8] & (1U << (pg % 8)))
				continue;
			if (pwrite(fd, buf + pg * XEN_PAGE_SIZE, XEN_PAGE_SIZE,
			           (off_t)(off + pos + pg * XEN_PAGE_SIZE)) != XEN_PAGE_SIZE)
				return errno ? -errno : -EIO;
		}
		*done += len;
		progress_update(p, *done, total);
	}
	return 0;
}

/* The whole dump into fd; a negative errno on failure (the caller reports). */
static int dump(struct xmctl *x, int fd, uint32_t domid, const xc_dominfo_t *info)
{
	xc_guest_memmap_t *m = NULL;
	struct segment *s = calloc(CORE_MAX_SEGMENTS, sizeof(*s));
	uint8_t *buf = malloc(CORE_CHUNK);
	uint64_t off, done = 0, total = 0;
	struct progress p;
	size_t n = 0;
	int rc = s && buf ? xc_guest_memmap(x->xch, domid, &m) : -ENOMEM;

	if (rc == 0)
		rc = segments(m, s, &n);
	for (size_t i = 0; rc == 0 && i < n; i++)
		total += s[i].size;
	off = (CORE_EHDR_SIZE + (n + 1) * CORE_PHDR_SIZE + CORE_NOTE_SIZE + XEN_PAGE_SIZE - 1) &
	      ~(uint64_t)(XEN_PAGE_SIZE - 1);
	if (rc == 0)
		rc = write_headers(fd, s, n, off, info->max_vcpu_id + 1, total / XEN_PAGE_SIZE);
	progress_start(&p, "Dumping");
	for (size_t i = 0; rc == 0 && i < n; off += s[i].size, i++)
		rc = write_segment(x, fd, domid, &s[i], off, buf, &p, &done, total);
	progress_end(&p);
	if (rc == 0 && ftruncate(fd, (off_t)off) < 0)   /* trailing holes count too */
		rc = -errno;
	xc_guest_memmap_free(m);
	free(s);
	free(buf);
	return rc;
}

/* xm's default name: YYYY-MMDD-HHMM.SS-NAME.ID.core, here in the current directory. */
static void default_name(const struct dom_record *d, char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	char stamp[32];

	strftime(stamp, sizeof(stamp), "%Y-%m%d-%H%M.%S", localtime_r(&t, &tm));
	snprintf(buf, size, "%s-%s.%u.core", stamp, d->name, d->info.domid);
}

int cmd_dump_core(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "live", no_argument, NULL, 'L' }, { "crash", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	bool live = false, crash = false;
	char name[XC_DOMAIN_NAME_MAX + 64];
	const char *path;
	struct dom_record d;
	uint32_t domid;
	int c, fd, rc;

	while ((c = xmctl_getopt(x, argc, argv, "LC", opts)) != -1) {
		switch (c) {
		case 'L': live = true; break;
		case 'C': crash = true; break;
		case 'h': return XMCTL_EXIT_OK;
		default: return XMCTL_EXIT_USAGE;
		}
	}
	if (xmctl_nargs(x, argc, 1, 2) < 0)
		return XMCTL_EXIT_USAGE;
	if (xmctl_lookup(x, argv[optind], &domid) < 0)
		return XMCTL_EXIT_FAIL;
	if (domid == 0)
		return xmctl_fail(x->cmd, "domain 0's memory is the host's: it cannot be dumped");
	rc = dom_fetch_one(x, domid, &d);
	if (rc < 0)
		return xmctl_fail_xc(x, argv[optind], rc);
	default_name(&d, name, sizeof(name));
	path = optind + 1 < argc ? argv[optind + 1] : name;
	if (!live && !d.info.paused && (rc = xc_domain_pause(x->xch, domid)) < 0)
		return xmctl_fail_xc(x, argv[optind], rc);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	rc = fd < 0 ? -errno : dump(x, fd, domid, &d.info);
	if (fd >= 0 && close(fd) < 0 && rc == 0)
		rc = -errno;
	if (!live && !d.info.paused)
		xc_domain_unpause(x->xch, domid);    /* as it was, whatever happened */
	if (rc < 0) {
		if (fd >= 0)
			unlink(path);
		return xmctl_fail(x->cmd, "%s: %s", path, rc == -EFAULT || rc == -ESRCH ?
		                  xc_strerror(x->xch, rc) : strerror(-rc));
	}
	if (crash && (rc = xc_domain_shutdown(x->xch, domid, SHUTDOWN_crash)) < 0)
		return xmctl_fail_xc(x, argv[optind], rc);
	printf("Dumped core of domain %s to %s\n", d.name, path);
	return XMCTL_EXIT_OK;
}
