/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tracepoints compile to empty inline functions: a trace header's
 * events cost nothing, and CREATE_TRACE_POINTS defines nothing more.
 * (The iommu core's own events are routed to the shim's trace hook by
 * trace/events/iommu.h instead.)
 */
#ifndef _SHIM_LINUX_TRACEPOINT_H
#define _SHIM_LINUX_TRACEPOINT_H

#define TP_PROTO(args...) args
#define TP_ARGS(args...) args
#define TP_STRUCT__entry(args...) args
#define TP_fast_assign(args...) args
#define TP_printk(fmt, args...) fmt, args
#define TP_CONDITION(args...) args

#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)
#define DEFINE_EVENT(template, name, proto, args) \
	static inline void trace_##name(proto) { } \
	static inline bool trace_##name##_enabled(void) { return false; }
#define TRACE_EVENT(name, proto, args, tstruct, assign, print) \
	DEFINE_EVENT(name, name, PARAMS(proto), PARAMS(args))
#define PARAMS(args...) args

#endif
