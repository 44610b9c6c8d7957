// SPDX-License-Identifier: GPL-2.0-only
/*
 * table.c - the terminal table of a comparison: first whether the golden
 * files were made with another kernel source, then one row per changed
 * statistic (case, statistic, golden, now, delta) and per failed case,
 * then the totals. Columns are as wide as their widest cell.
 */
#include <stdlib.h>
#include <string.h>

#include "regress.h"

char *reg_render(void (*fn)(FILE *, const json_t *), const json_t *cmp)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	fn(f, cmp);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}

#define NCOL 5

static void row_cells(const json_t *r, const json_t *ch, char cell[NCOL][256])
{
	snprintf(cell[0], 256, "%s", json_string_value(json_object_get(r, "case")));
	if (!ch) {
		snprintf(cell[1], 256, "(run failed)");
		cell[2][0] = cell[3][0] = 0;
		snprintf(cell[4], 256, "%s", json_string_value(json_object_get(r, "message")));
		return;
	}
	snprintf(cell[1], 256, "%s", json_string_value(json_object_get(ch, "stat")));
	reg_value_format(cell[2], 256, json_object_get(ch, "golden"));
	reg_value_format(cell[3], 256, json_object_get(ch, "now"));
	snprintf(cell[4], 256, "%s", json_string_value(json_object_get(ch, "delta")));
}

/* Calls fn for every row: each change, and each failed case. */
static void each_row(const json_t *cmp, void (*fn)(void *, char cell[NCOL][256]), void *ctx)
{
	const json_t *r, *ch;
	size_t i, j;
	char cell[NCOL][256];

	json_array_foreach(json_object_get(cmp, "results"), i, r) {
		if (!strcmp(json_string_value(json_object_get(r, "status")), "failed")) {
			row_cells(r, NULL, cell);
			fn(ctx, cell);
		}
		json_array_foreach(json_object_get(r, "changes"), j, ch) {
			row_cells(r, ch, cell);
			fn(ctx, cell);
		}
	}
}

static void widen(void *ctx, char cell[NCOL][256])
{
	size_t *w = ctx;

	for (int c = 0; c < NCOL; c++)
		if (strlen(cell[c]) > w[c])
			w[c] = strlen(cell[c]);
}

struct printer {
	FILE *f;
	size_t w[NCOL];
};

static void print_row(void *ctx, char cell[NCOL][256])
{
	struct printer *p = ctx;
	char line[NCOL * 260];
	size_t n = 0;

	for (int c = 0; c < NCOL; c++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%-*s  ",
				      c < NCOL - 1 ? (int)p->w[c] : 0, cell[c]);
	while (n && line[n - 1] == ' ')
		n--;
	fprintf(p->f, "%.*s\n", (int)n, line);
}

void reg_kernel_note(FILE *f, const json_t *cmp, const char *prefix)
{
	const json_t *k = json_object_get(cmp, "kernel_source"), *n;
	const char *ver;

	json_object_foreach((json_t *)json_object_get(k, "golden_differs"), ver, n)
		fprintf(f, "%skernel source differs: %" JSON_INTEGER_FORMAT " golden file(s) "
			"made with %s, this build has %s\n", prefix, json_integer_value(n), ver,
			json_string_value(json_object_get(k, "now")));
}

void reg_table_print(FILE *f, const json_t *cmp)
{
	struct printer p = { f, { 4, 9, 6, 3, 5 } };
	char head[NCOL][256] = { "case", "statistic", "golden", "now", "delta" };

	reg_kernel_note(f, cmp, "");
	each_row(cmp, widen, p.w);
	if (reg_compare_status(cmp)) {
		print_row(&p, head);
		each_row(cmp, print_row, &p);
	}
	fprintf(f, "suite %s: %" JSON_INTEGER_FORMAT " cases, %" JSON_INTEGER_FORMAT
		" changed, %" JSON_INTEGER_FORMAT " failed\n",
		json_string_value(json_object_get(cmp, "suite")),
		json_integer_value(json_object_get(cmp, "cases")),
		json_integer_value(json_object_get(cmp, "changed")),
		json_integer_value(json_object_get(cmp, "failed")));
}
