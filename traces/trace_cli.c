// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_cli.c - `trace gen | convert | stat | import`. Arguments are parsed
 * by hand (no getopt state shared with the caller's main). Outputs go
 * through the atomic writer: an error never leaves a partial file.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "trace_cli.h"
#include "trace_gen.h"
#include "trace_import.h"
#include "trace_internal.h"
#include "trace_stat.h"

static void usage(FILE *out, const char *prog)
{
	fprintf(out,
		"usage: %s <command> [args]\n"
		"  gen <kind> [--set key=value[,key=value...]]... [--seed N] [-o OUT]\n"
		"        generate a trace (text on stdout without -o)\n"
		"  gen <kind> --help        list the generator's parameters\n"
		"  gen --list               list the generators\n"
		"  convert IN OUT           copy a trace; OUT's format from its name\n"
		"  stat IN                  print statistics of a trace\n"
		"  import perf|trace-cmd IN -o OUT [--as N]\n"
		"        turn `perf script` / `trace-cmd report` text of the iommu\n"
		"        tracepoints into map/unmap/fault events\n"
		"  help                     this text\n"
		"Trace files: .txt is text, .bin and .zst binary (zstd); input format\n"
		"is detected. Exit status: 0 ok, 1 error, 2 usage error.\n",
		prog);
}

static int usage_error(const char *prog, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(run '%s help' for usage)\n", prog);
	return TRACE_EXIT_USAGE;
}

static int failure(const char *prog, const struct trace_err *err)
{
	fprintf(stderr, "%s: %s\n", prog, err->msg);
	return TRACE_EXIT_FAILURE;
}

static int out_format(const char *prog, const char *path, enum trace_format *fmt)
{
	if (!strcmp(path, "-")) {
		*fmt = TRACE_FMT_TEXT;
		return 0;
	}
	if (trace_format_from_path(path, fmt))
		return usage_error(prog, "output '%s' must end in .txt, .bin or .zst", path);
	return 0;
}

static int cmd_gen(const char *prog, int argc, char **argv)
{
	const struct trace_gen *g;
	const char *out = "-";
	struct trace_writer *w;
	enum trace_format fmt;
	struct trace_err err;
	uint64_t seed = 1;
	bool help = false;
	void *params;
	int rc;

	if (argc < 1)
		return usage_error(prog, "gen: missing generator kind%s", "");
	if (!strcmp(argv[0], "--list")) {
		for (int i = 0; trace_gens[i]; i++)
			printf("%-10s %s\n", trace_gens[i]->name, trace_gens[i]->summary);
		return TRACE_EXIT_OK;
	}
	g = trace_gen_find(argv[0]);
	if (!g)
		return usage_error(prog, "gen: unknown generator '%s' (see gen --list)", argv[0]);
	params = calloc(1, g->params_size);
	if (!params) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return TRACE_EXIT_FAILURE;
	}
	g->defaults(params);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			help = true;
		} else if (!strcmp(a, "--set") || !strcmp(a, "-o") || !strcmp(a, "--seed")) {
			if (i + 1 >= argc) {
				free(params);
				return usage_error(prog, "gen: %s needs a value", a);
			}
			if (!strcmp(a, "-o")) {
				out = argv[++i];
			} else if (!strcmp(a, "--seed")) {
				if (trace_parse_u64(argv[++i], &seed, false)) {
					free(params);
					return usage_error(prog, "gen: bad seed '%s'", argv[i]);
				}
			} else if (trace_gen_set(g, params, argv[++i], &err)) {
				free(params);
				fprintf(stderr, "%s: %s\n", prog, err.msg);
				return TRACE_EXIT_USAGE;
			}
		} else {
			free(params);
			return usage_error(prog, "gen: unexpected argument '%s'", a);
		}
	}
	if (help) {
		trace_gen_describe(g, params, stdout);
		free(params);
		return TRACE_EXIT_OK;
	}
	if (g->check(params, &err)) {
		free(params);
		fprintf(stderr, "%s: %s\n", prog, err.msg);
		return TRACE_EXIT_USAGE;
	}
	rc = out_format(prog, out, &fmt);
	if (rc) {
		free(params);
		return rc;
	}
	w = trace_writer_open(out, fmt, &err);
	if (!w) {
		free(params);
		return failure(prog, &err);
	}
	if (g->run(params, seed, w, &err)) {
		trace_writer_abort(w);
		free(params);
		return failure(prog, &err);
	}
	free(params);
	if (trace_writer_close(w, &err))
		return failure(prog, &err);
	return TRACE_EXIT_OK;
}

static int cmd_convert(const char *prog, int argc, char **argv)
{
	enum trace_format fmt;
	struct trace_err err;

	if (argc != 2)
		return usage_error(prog, "convert: want IN OUT%s", "");
	if (trace_format_from_path(argv[1], &fmt))
		return usage_error(prog, "convert: output '%s' must end in .txt, .bin or .zst",
				   argv[1]);
	if (trace_convert(argv[0], argv[1], &err))
		return failure(prog, &err);
	return TRACE_EXIT_OK;
}

static int cmd_stat(const char *prog, int argc, char **argv)
{
	struct trace_err err;

	if (argc != 1)
		return usage_error(prog, "stat: want one input trace%s", "");
	if (trace_stat_file(argv[0], stdout, &err))
		return failure(prog, &err);
	return TRACE_EXIT_OK;
}

static void note_stderr(void *ctx, const char *msg)
{
	fprintf(stderr, "%s: note: %s\n", (const char *)ctx, msg);
}

static int cmd_import(const char *prog, int argc, char **argv)
{
	struct trace_import_opts opts = { .note = note_stderr, .note_ctx = (void *)prog };
	const char *in = NULL, *out = NULL;
	struct trace_import_stats st;
	enum trace_import_fmt ifmt;
	struct trace_writer *w;
	enum trace_format fmt;
	struct trace_err err;
	uint64_t as;
	int rc;

	if (argc < 1 || trace_import_parse_fmt(argv[0], &ifmt))
		return usage_error(prog, "import: want perf or trace-cmd, got '%s'",
				   argc < 1 ? "" : argv[0]);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--as")) {
			if (i + 1 >= argc)
				return usage_error(prog, "import: %s needs a value", argv[i]);
			if (!strcmp(argv[i], "-o")) {
				out = argv[++i];
			} else if (trace_parse_u64(argv[++i], &as, false) || as > UINT32_MAX) {
				return usage_error(prog, "import: bad address space '%s'", argv[i]);
			} else {
				opts.as = (uint32_t)as;
			}
		} else if (!in && (argv[i][0] != '-' || !strcmp(argv[i], "-"))) {
			in = argv[i];
		} else {
			return usage_error(prog, "import: unexpected argument '%s'", argv[i]);
		}
	}
	if (!in || !out)
		return usage_error(prog, "import: want IN and -o OUT%s", "");
	rc = out_format(prog, out, &fmt);
	if (rc)
		return rc;
	w = trace_writer_open(out, fmt, &err);
	if (!w)
		return failure(prog, &err);
	if (trace_import(ifmt, in, w, &opts, &st, &err)) {
		trace_writer_abort(w);
		return failure(prog, &err);
	}
	if (trace_writer_close(w, &err))
		return failure(prog, &err);
	fprintf(stderr,
		"%s: imported %" PRIu64 " map, %" PRIu64 " unmap, %" PRIu64 " fault events "
		"from %" PRIu64 " lines; skipped %" PRIu64 " lines of other events, %" PRIu64
		" header lines, %" PRIu64 " unmaps that removed nothing\n",
		prog, st.maps, st.unmaps, st.faults, st.lines, st.skipped_other,
		st.skipped_header, st.skipped_empty_unmap);
	return TRACE_EXIT_OK;
}

int trace_cli_main(int argc, char **argv)
{
	const char *prog = argc > 0 && argv[0] ? argv[0] : "trace";
	const char *cmd;

	if (argc < 2) {
		usage(stderr, prog);
		return TRACE_EXIT_USAGE;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		usage(stdout, prog);
		return TRACE_EXIT_OK;
	}
	if (!strcmp(cmd, "gen"))
		return cmd_gen(prog, argc - 2, argv + 2);
	if (!strcmp(cmd, "convert"))
		return cmd_convert(prog, argc - 2, argv + 2);
	if (!strcmp(cmd, "stat"))
		return cmd_stat(prog, argc - 2, argv + 2);
	if (!strcmp(cmd, "import"))
		return cmd_import(prog, argc - 2, argv + 2);
	return usage_error(prog, "unknown command '%s'", cmd);
}
