/*
 * `rma` output.  The text map paints machine memory as a grid of cells:
 * a domain's letter in upper case where its RMA lies, lower case for its
 * extents, '.' for free memory.  An RMA wins over an extent, and anything
 * used wins over free, so small blocks stay visible at any scale.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "jw.h"
#include "rma.h"

#define MAP_COLS   64
#define MAP_ROWS   8
#define MAP_CELLS  (MAP_COLS * MAP_ROWS)
#define SVG_WIDTH  1024
#define SVG_ROW_H  28
#define SVG_ROWS   16

static const char *size_text(uint64_t pages, char *buf, size_t size)
{
	uint64_t mib = pages * XEN_PAGE_SIZE >> 20;

	if (mib >= 1024 && mib % 1024 == 0)
		snprintf(buf, size, "%" PRIu64 " GiB", mib / 1024);
	else if (mib > 0)
		snprintf(buf, size, "%" PRIu64 " MiB", mib);
	else if (pages > 0)
		snprintf(buf, size, "%" PRIu64 " KiB", pages * XEN_PAGE_SIZE >> 10);
	else
		snprintf(buf, size, "0");
	return buf;
}

static const struct rma_domain *dom_of(const struct rma_view *v, uint32_t domid)
{
	for (size_t i = 0; i < v->nr_doms; i++)
		if (v->doms[i].domid == domid)
			return &v->doms[i];
	return NULL;
}

/* The cells as characters; cell i covers [i * per, (i + 1) * per) pages. */
static void paint(const struct rma_view *v, char cells[MAP_CELLS], uint64_t per)
{
	memset(cells, '.', MAP_CELLS);
	for (uint32_t i = 0; i < v->map->nr_regions; i++) {
		const xc_memmap_region_t *r = &v->map->regions[i];
		const struct rma_domain *d;
		uint64_t first, last;
		char mark;

		if (r->kind == XEN_MEMMAP_free)
			continue;
		d = rma_region_owned(r) ? dom_of(v, r->domid) : NULL;
		mark = r->kind == XEN_MEMMAP_held ? '#' : d ? d->letter : '?';
		if (r->kind != XEN_MEMMAP_rma && mark >= 'A' && mark <= 'Z')
			mark = (char)(mark - 'A' + 'a');
		first = r->mfn / per;
		last = (r->mfn + ((uint64_t)1 << r->order) - 1) / per;
		for (uint64_t c = first; c <= last && c < MAP_CELLS; c++)
			if (cells[c] == '.' || (r->kind == XEN_MEMMAP_rma && cells[c] >= 'a'))
				cells[c] = mark;
	}
}

static void map_text(const struct rma_view *v, FILE *out)
{
	uint64_t total = v->map->total_pages, per = 1;
	char cells[MAP_CELLS], b[32];

	while (per * MAP_CELLS < total)
		per *= 2;    /* a power of two, so cells line up with buddy blocks */
	paint(v, cells, per);
	fprintf(out, "Map (one character = %s; UPPER = RMA, lower = extents, . = free%s):\n",
	        size_text(per, b, sizeof(b)), memchr(cells, '#', MAP_CELLS) ?
	        ", # = held by a foreign mapping" : "");
	for (uint64_t row = 0; row < MAP_ROWS && row * MAP_COLS * per < total; row++) {
		uint64_t cols = (total - row * MAP_COLS * per + per - 1) / per;

		fprintf(out, "%10s |%.*s|\n", size_text(row * MAP_COLS * per, b, sizeof(b)),
		        (int)(cols < MAP_COLS ? cols : MAP_COLS), cells + row * MAP_COLS);
	}
}

int render_rma_text(const struct rma_view *v, FILE *out)
{
	char a[32], b[32], c[32];

	fprintf(out, "Machine memory: %s, %s free, largest free block %s\n",
	        size_text(v->map->total_pages, a, sizeof(a)),
	        size_text(v->map->free_pages, b, sizeof(b)),
	        size_text(v->largest_free_pages, c, sizeof(c)));
	fprintf(out, "RMAs that can still be placed:");
	for (size_t i = 0; i < RMA_NR_SIZES; i++)
		fprintf(out, " %s x%" PRIu64, size_text((uint64_t)1 << (rma_logs[i] - XEN_PAGE_SHIFT),
		        a, sizeof(a)), v->capacity[i]);
	fprintf(out, "\n\n");
	map_text(v, out);
	fprintf(out, "\n%-3s %-24s %5s %18s %9s %7s %10s\n", "Map", "Name", "ID", "RMA base",
	        "RMA size", "Extents", "Memory");
	for (size_t i = 0; i < v->nr_doms; i++) {
		const struct rma_domain *d = &v->doms[i];
		char base[24] = "-";

		if (d->rma_mfn != UINT64_MAX)
			snprintf(base, sizeof(base), "0x%012" PRIx64, d->rma_mfn * XEN_PAGE_SIZE);
		fprintf(out, "%-3c %-24.24s %5u %18s %9s %7u %10s\n", d->letter, d->name, d->domid,
		        base, d->rma_mfn != UINT64_MAX ?
		        size_text((uint64_t)1 << d->rma_order, a, sizeof(a)) : "-",
		        d->nr_extents, size_text(d->pages, b, sizeof(b)));
	}
	return ferror(out) ? -1 : 0;
}

static const char *kind_name(uint16_t kind)
{
	return kind == XEN_MEMMAP_rma ? "rma" : kind == XEN_MEMMAP_extent ? "extent" :
	       kind == XEN_MEMMAP_gnttab ? "gnttab" : kind == XEN_MEMMAP_held ? "held" : "free";
}

int render_rma_json(const struct rma_view *v, FILE *out)
{
	struct jw j;

	if (!jw_init(&j))
		return -1;
	jw_obj_open(&j, NULL);
	jw_uint(&j, "page_size", XEN_PAGE_SIZE);
	jw_uint(&j, "total_pages", v->map->total_pages);
	jw_uint(&j, "free_pages", v->map->free_pages);
	jw_uint(&j, "largest_free_pages", v->largest_free_pages);
	jw_obj_open(&j, "rma_capacity");
	for (size_t i = 0; i < RMA_NR_SIZES; i++) {
		char k[16];

		snprintf(k, sizeof(k), "%u", 1U << (rma_logs[i] - 20));
		jw_uint(&j, k, v->capacity[i]);   /* key: RMA size in MiB */
	}
	jw_obj_close(&j);
	jw_arr_open(&j, "domains");
	for (size_t i = 0; i < v->nr_doms; i++) {
		const struct rma_domain *d = &v->doms[i];

		jw_obj_open(&j, NULL);
		jw_uint(&j, "domid", d->domid);
		jw_str(&j, "name", d->name);
		if (d->rma_mfn != UINT64_MAX) {
			jw_uint(&j, "rma_mfn", d->rma_mfn);
			jw_uint(&j, "rma_pages", (uint64_t)1 << d->rma_order);
		}
		jw_uint(&j, "extents", d->nr_extents);
		jw_uint(&j, "pages", d->pages);
		jw_obj_close(&j);
	}
	jw_arr_close(&j);
	jw_arr_open(&j, "regions");
	for (uint32_t i = 0; i < v->map->nr_regions; i++) {
		const xc_memmap_region_t *r = &v->map->regions[i];

		jw_obj_open(&j, NULL);
		jw_uint(&j, "mfn", r->mfn);
		jw_uint(&j, "pages", (uint64_t)1 << r->order);
		jw_str(&j, "kind", kind_name(r->kind));
		if (rma_region_owned(r))
			jw_uint(&j, "domid", r->domid);
		jw_obj_close(&j);
	}
	jw_arr_close(&j);
	jw_obj_close(&j);
	return jw_finish(&j, out);
}

/* Names may hold any printable ASCII; SVG text needs <, >, & and quotes escaped. */
static void xml_text(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&apos;", out); break;
		default: fputc(*s, out);
		}
	}
}

/* A domain's hue; RMAs darker than extents. */
static void svg_fill(const struct rma_view *v, const xc_memmap_region_t *r, char *buf, size_t n)
{
	size_t idx = 0;

	if (!rma_region_owned(r)) {
		snprintf(buf, n, r->kind == XEN_MEMMAP_held ? "#909090" : "#e8e8e8");
		return;
	}
	while (idx < v->nr_doms && v->doms[idx].domid != r->domid)
		idx++;
	snprintf(buf, n, "hsl(%zu,65%%,%d%%)", idx * 137 % 360, r->kind == XEN_MEMMAP_rma ? 38 : 68);
}

/* One region as rectangles, split where it wraps from one row to the next. */
static void svg_region(const struct rma_view *v, const xc_memmap_region_t *r, double per_row,
                       FILE *out)
{
	const struct rma_domain *d = rma_region_owned(r) ? dom_of(v, r->domid) : NULL;
	double start = (double)r->mfn, end = start + (double)((uint64_t)1 << r->order);
	char fill[32], sz[32];

	svg_fill(v, r, fill, sizeof(fill));
	while (start < end) {
		double row = (double)(uint64_t)(start / per_row);
		double stop = (row + 1) * per_row < end ? (row + 1) * per_row : end;

		fprintf(out, "<rect x=\"%.2f\" y=\"%.0f\" width=\"%.2f\" height=\"%d\" fill=\"%s\">"
		        "<title>", (start - row * per_row) / per_row * SVG_WIDTH,
		        40 + row * (SVG_ROW_H + 4), (stop - start) / per_row * SVG_WIDTH, SVG_ROW_H, fill);
		if (d != NULL)
			xml_text(out, d->name);
		fprintf(out, " %s %s at 0x%" PRIx64 "</title></rect>\n", kind_name(r->kind),
		        size_text((uint64_t)1 << r->order, sz, sizeof(sz)), r->mfn * XEN_PAGE_SIZE);
		start = stop;
	}
}

int render_rma_svg(const struct rma_view *v, FILE *out)
{
	double per_row = (double)v->map->total_pages / SVG_ROWS;
	int height = 40 + SVG_ROWS * (SVG_ROW_H + 4) + 20 + (int)v->nr_doms * 18 + 10;
	char a[32], b[32], c[32];

	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	        "font-family=\"monospace\" font-size=\"13\">\n", SVG_WIDTH, height);
	fprintf(out, "<text x=\"0\" y=\"20\">Machine memory %s, %s free; each row %s; "
	        "dark = RMA, light = extents, grey = free</text>\n",
	        size_text(v->map->total_pages, a, sizeof(a)),
	        size_text(v->map->free_pages, b, sizeof(b)),
	        size_text(v->map->total_pages / SVG_ROWS, c, sizeof(c)));
	for (uint32_t i = 0; i < v->map->nr_regions; i++)
		svg_region(v, &v->map->regions[i], per_row, out);
	for (size_t i = 0; i < v->nr_doms; i++) {
		xc_memmap_region_t fake = { .kind = XEN_MEMMAP_rma, .domid = v->doms[i].domid };
		int y = 40 + SVG_ROWS * (SVG_ROW_H + 4) + 20 + (int)i * 18;

		svg_fill(v, &fake, a, sizeof(a));
		fprintf(out, "<rect x=\"0\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
		        "<text x=\"18\" y=\"%d\">", y, a, y + 11);
		xml_text(out, v->doms[i].name);
		fprintf(out, " (id %u): %s</text>\n", v->doms[i].domid,
		        size_text(v->doms[i].pages, b, sizeof(b)));
	}
	fprintf(out, "</svg>\n");
	return ferror(out) ? -1 : 0;
}
