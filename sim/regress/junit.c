// SPDX-License-Identifier: GPL-2.0-only
/*
 * junit.c - a comparison as JUnit XML for CI systems: one testsuite (the
 * regression suite), one testcase per case (classname suite.entry), a
 * <failure> listing the changed statistics, an <error> for a failed run.
 * No times or host names: the same comparison gives the same bytes.
 */
#include <string.h>

#include "regress.h"

static void xml_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				fputc('?', f);
			else
				fputc(*s, f);
		}
	}
}

void reg_junit_print(FILE *f, const json_t *cmp)
{
	const char *suite = json_string_value(json_object_get(cmp, "suite"));
	const json_t *r, *ch;
	size_t i, j;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n", f);
	fputs("  <testsuite name=\"regress.", f);
	xml_text(f, suite);
	fprintf(f, "\" tests=\"%" JSON_INTEGER_FORMAT "\" failures=\"%" JSON_INTEGER_FORMAT
		"\" errors=\"%" JSON_INTEGER_FORMAT "\">\n",
		json_integer_value(json_object_get(cmp, "cases")),
		json_integer_value(json_object_get(cmp, "changed")),
		json_integer_value(json_object_get(cmp, "failed")));
	json_array_foreach(json_object_get(cmp, "results"), i, r) {
		const char *st = json_string_value(json_object_get(r, "status"));

		fputs("    <testcase classname=\"regress.", f);
		xml_text(f, suite);
		fputc('.', f);
		xml_text(f, json_string_value(json_object_get(r, "entry")));
		fputs("\" name=\"", f);
		xml_text(f, json_string_value(json_object_get(r, "case")));
		if (!strcmp(st, "same")) {
			fputs("\"/>\n", f);
			continue;
		}
		fputs("\">\n", f);
		if (!strcmp(st, "failed")) {
			fputs("      <error message=\"the run failed\">", f);
			xml_text(f, json_string_value(json_object_get(r, "message")));
			fputs("</error>\n", f);
		} else {
			fprintf(f, "      <failure message=\"%zu change(s) from the golden file\">",
				json_array_size(json_object_get(r, "changes")));
			json_array_foreach(json_object_get(r, "changes"), j, ch) {
				char g[256], n[256];

				reg_value_format(g, sizeof(g), json_object_get(ch, "golden"));
				reg_value_format(n, sizeof(n), json_object_get(ch, "now"));
				xml_text(f, json_string_value(json_object_get(ch, "stat")));
				fputs(": golden ", f);
				xml_text(f, g);
				fputs(", now ", f);
				xml_text(f, n);
				fputs(" ", f);
				xml_text(f, json_string_value(json_object_get(ch, "delta")));
				fputs("\n", f);
			}
			fputs("</failure>\n", f);
		}
		fputs("    </testcase>\n", f);
	}
	fputs("  </testsuite>\n</testsuites>\n", f);
}
