// SPDX-License-Identifier: GPL-2.0-only
/*
 * markdown.c - a comparison as a Markdown summary for people: the
 * kernel-source note first, the totals, the changed statistics as a
 * table, then every case and its status.
 */
#include <string.h>

#include "regress.h"

static void md_cell(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\n')
			fputc(' ', f);
		else
			fputc(*s, f);
	}
}

void reg_markdown_print(FILE *f, const json_t *cmp)
{
	const json_t *r, *ch;
	size_t i, j;

	fprintf(f, "# Regression suite `%s`\n\n", json_string_value(json_object_get(cmp, "suite")));
	reg_kernel_note(f, cmp, "> **");
	fprintf(f, "%s**%" JSON_INTEGER_FORMAT " cases, %" JSON_INTEGER_FORMAT " changed, %"
		JSON_INTEGER_FORMAT " failed**\n\n",
		json_object_size(json_object_get(json_object_get(cmp, "kernel_source"),
						 "golden_differs")) ? "\n" : "",
		json_integer_value(json_object_get(cmp, "cases")),
		json_integer_value(json_object_get(cmp, "changed")),
		json_integer_value(json_object_get(cmp, "failed")));
	if (reg_compare_status(cmp)) {
		fputs("## What changed\n\n| case | statistic | golden | now | delta |\n"
		      "| --- | --- | ---: | ---: | ---: |\n", f);
		json_array_foreach(json_object_get(cmp, "results"), i, r) {
			if (!strcmp(json_string_value(json_object_get(r, "status")), "failed")) {
				fputs("| ", f);
				md_cell(f, json_string_value(json_object_get(r, "case")));
				fputs(" | (run failed) | | | ", f);
				md_cell(f, json_string_value(json_object_get(r, "message")));
				fputs(" |\n", f);
			}
			json_array_foreach(json_object_get(r, "changes"), j, ch) {
				char g[256], n[256];

				reg_value_format(g, sizeof(g), json_object_get(ch, "golden"));
				reg_value_format(n, sizeof(n), json_object_get(ch, "now"));
				fputs("| ", f);
				md_cell(f, json_string_value(json_object_get(r, "case")));
				fputs(" | ", f);
				md_cell(f, json_string_value(json_object_get(ch, "stat")));
				fprintf(f, " | %s | %s | ", g, n);
				md_cell(f, json_string_value(json_object_get(ch, "delta")));
				fputs(" |\n", f);
			}
		}
		fputc('\n', f);
	}
	fputs("## Cases\n\n| case | status |\n| --- | --- |\n", f);
	json_array_foreach(json_object_get(cmp, "results"), i, r) {
		fputs("| ", f);
		md_cell(f, json_string_value(json_object_get(r, "case")));
		fprintf(f, " | %s |\n", json_string_value(json_object_get(r, "status")));
	}
}
