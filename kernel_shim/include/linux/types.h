/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel and uAPI scalar types (x86-64, int-ll64: u64 is unsigned long long). */
#ifndef _SHIM_LINUX_TYPES_H
#define _SHIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>

typedef unsigned char u8, __u8;
typedef signed char s8, __s8;
typedef unsigned short u16, __u16;
typedef signed short s16, __s16;
typedef unsigned int u32, __u32;
typedef signed int s32, __s32;
typedef unsigned long long u64, __u64;
typedef signed long long s64, __s64;
typedef __u16 __le16, __be16;
typedef __u32 __le32, __be32;
typedef __u64 __le64, __be64;
typedef __u16 __sum16;
typedef __u32 __wsum;
typedef __u64 __aligned_u64 __attribute__((aligned(8)));
typedef __u64 __aligned_be64 __attribute__((aligned(8)));
typedef __u64 __aligned_le64 __attribute__((aligned(8)));

typedef unsigned char u_char;
typedef unsigned short u_short, ushort;
typedef unsigned int u_int, uint;
typedef unsigned long u_long, ulong;
typedef unsigned long uintptr_t;
typedef long intptr_t;
typedef long ssize_t;
typedef long long loff_t;
typedef long __kernel_long_t;
typedef unsigned long __kernel_ulong_t;
typedef int pid_t;
typedef unsigned int gfp_t;
typedef unsigned int fmode_t;
typedef unsigned short umode_t;
typedef unsigned int slab_flags_t;
typedef u64 phys_addr_t;
typedef u64 dma_addr_t;
typedef u64 resource_size_t;
typedef u64 sector_t;
typedef unsigned long irq_hw_number_t;
typedef unsigned int __poll_t;
typedef unsigned long pgoff_t;
typedef unsigned int ioasid_t;

typedef u8 uint8_t;
typedef u16 uint16_t;
typedef u32 uint32_t;
typedef u64 uint64_t;
typedef s8 int8_t;
typedef s16 int16_t;
typedef s32 int32_t;
typedef s64 int64_t;

#define __DECLARE_FLEX_ARRAY(TYPE, NAME) struct { struct { } __empty_ ## NAME; TYPE NAME[]; }
#define DECLARE_BITMAP(name, bits) unsigned long name[((bits) + 63) / 64]

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	s64 counter;
} atomic64_t;

typedef struct {
	long counter;
} atomic_long_t;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
};
#define rcu_head callback_head

typedef void (*rcu_callback_t)(struct rcu_head *head);

#endif
