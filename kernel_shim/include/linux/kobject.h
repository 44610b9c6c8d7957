/* SPDX-License-Identifier: GPL-2.0-only */
/* kobjects only as far as iommu.c's sysfs bookkeeping needs: a name and a
 * reference count. There is no sysfs; attribute files are accepted and
 * ignored. */
#ifndef _SHIM_LINUX_KOBJECT_H
#define _SHIM_LINUX_KOBJECT_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/types.h>

struct kobject;
struct attribute {
	const char *name;
	umode_t mode;
};
struct attribute_group {
	const char *name;
	struct attribute **attrs;
	umode_t (*is_visible)(struct kobject *, struct attribute *, int);
};
struct sysfs_ops {
	ssize_t (*show)(struct kobject *, struct attribute *, char *);
	ssize_t (*store)(struct kobject *, struct attribute *, const char *, size_t);
};
struct kobj_type {
	void (*release)(struct kobject *kobj);
	const struct sysfs_ops *sysfs_ops;
	const struct attribute_group **default_groups;
};
struct kset {
	const char *name;
};
struct kobject {
	const char *name;
	struct kset *kset;
	struct kref kref;
	const struct kobj_type *ktype;
	struct kobject *parent;
	bool initialized;
};

void kobject_init(struct kobject *kobj, const struct kobj_type *ktype);
int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype,
			 struct kobject *parent, const char *fmt, ...) __printf(4, 5);
int kobject_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...) __printf(3, 4);
struct kobject *kobject_get(struct kobject *kobj);
void kobject_put(struct kobject *kobj);
void kobject_del(struct kobject *kobj);
struct kobject *kobject_create_and_add(const char *name, struct kobject *parent);
struct kset *kset_create_and_add(const char *name, const void *uevent_ops, struct kobject *parent);
void kset_unregister(struct kset *k);
static inline const char *kobject_name(const struct kobject *kobj) { return kobj->name; }
#define kobject_uevent(k, a) 0
int sysfs_create_link(struct kobject *kobj, struct kobject *target, const char *name);
int sysfs_create_link_nowarn(struct kobject *kobj, struct kobject *target, const char *name);
void sysfs_remove_link(struct kobject *kobj, const char *name);
int sysfs_create_file(struct kobject *kobj, const struct attribute *attr);
void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr);
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp);
void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp);
int sysfs_emit(char *buf, const char *fmt, ...) __printf(2, 3);
int sysfs_emit_at(char *buf, int at, const char *fmt, ...) __printf(3, 4);
#define __ATTR(_name, _mode, _show, _store) { .attr = { .name = #_name, .mode = _mode }, .show = _show, .store = _store }
#define ATTRIBUTE_GROUPS(n) \
	static const struct attribute_group n##_group = { .attrs = n##_attrs }; \
	static const struct attribute_group *n##_groups[] = { &n##_group, NULL }
extern struct kobject *kernel_kobj;

#endif
