/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The driver model as far as the iommu core needs it: devices on buses,
 * bus notifiers (so that adding a device probes it into an iommu group,
 * as in the kernel), drivers bound or not, names, parent links.
 */
#ifndef _SHIM_LINUX_DEVICE_H
#define _SHIM_LINUX_DEVICE_H

#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
/* What the kernel's device.h drags in and iommu.h relies on. */
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

struct device;
struct device_driver;
struct fwnode_handle;
struct device_node;
struct iommu_group;
struct dev_iommu;
struct dev_pin_info;
struct dma_map_ops;
struct subsys_private;

struct bus_type {
	const char *name;
	const char *dev_name;
	int (*match)(struct device *dev, const struct device_driver *drv);
	int (*probe)(struct device *dev);
	void (*remove)(struct device *dev);
	int (*dma_configure)(struct device *dev);
	void (*dma_cleanup)(struct device *dev);
	const struct attribute_group **dev_groups;
};

struct device_driver {
	const char *name;
	const struct bus_type *bus;
	struct module *owner;
	bool suppress_bind_attrs;
	int (*probe)(struct device *dev);
	int (*remove)(struct device *dev);
	bool driver_managed_dma;
};

struct device_type {
	const char *name;
	void (*release)(struct device *dev);
};

struct device_dma_parameters {
	unsigned int max_segment_size;
	unsigned long segment_boundary_mask;
};

struct device {
	struct kobject kobj;
	struct device *parent;
	const char *init_name;
	const struct device_type *type;
	const struct bus_type *bus;
	struct device_driver *driver;
	void *platform_data;
	void *driver_data;
	struct mutex mutex;
	struct dev_iommu *iommu;
	struct iommu_group *iommu_group;
	struct device_node *of_node;
	struct fwnode_handle *fwnode;
	u64 *dma_mask;
	u64 coherent_dma_mask;
	u64 bus_dma_limit;
	struct device_dma_parameters *dma_parms;
	const struct dma_map_ops *dma_ops;
	bool dma_iommu;
	bool dma_coherent;
	bool of_node_reused;
	u32 shim_pasid_bits;    /* "pasid-num-bits" property; 0: none */
	int numa_node;
	u32 id;
	void (*release)(struct device *dev);
	const struct attribute_group **groups;
	/* shim state */
	struct list_head shim_bus_node;
	bool shim_added;
	char shim_name[64];
};

#define kobj_to_dev(k) container_of(k, struct device, kobj)

static inline const char *dev_name(const struct device *dev)
{
	return dev->kobj.name ? dev->kobj.name : dev->init_name;
}
int dev_set_name(struct device *dev, const char *fmt, ...) __printf(2, 3);
static inline const char *dev_bus_name(const struct device *dev)
{
	return dev->bus ? dev->bus->name : "";
}
static inline void *dev_get_drvdata(const struct device *dev) { return dev->driver_data; }
static inline void dev_set_drvdata(struct device *dev, void *data) { dev->driver_data = data; }
static inline int dev_to_node_(struct device *dev) { return -1; }
static inline bool device_is_registered(struct device *dev) { return dev->shim_added; }
const char *dev_driver_string(const struct device *dev);

void device_initialize(struct device *dev);
int device_add(struct device *dev);
void device_del(struct device *dev);
int device_register(struct device *dev);
void device_unregister(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
#define device_lock(dev) mutex_lock(&(dev)->mutex)
#define device_unlock(dev) mutex_unlock(&(dev)->mutex)
#define device_trylock(dev) mutex_trylock(&(dev)->mutex)
#define device_lock_assert(dev) lockdep_assert_held(&(dev)->mutex)
static inline bool device_iommu_mapped(struct device *dev) { return dev->iommu_group != NULL; }
int device_for_each_child(struct device *parent, void *data,
			  int (*fn)(struct device *dev, void *data));

int bus_register(const struct bus_type *bus);
void bus_unregister(const struct bus_type *bus);
int bus_register_notifier(const struct bus_type *bus, struct notifier_block *nb);
int bus_unregister_notifier(const struct bus_type *bus, struct notifier_block *nb);
int bus_for_each_dev(const struct bus_type *bus, struct device *start, void *data,
		     int (*fn)(struct device *dev, void *data));
int driver_register(struct device_driver *drv);
void driver_unregister(struct device_driver *drv);

#define BUS_NOTIFY_ADD_DEVICE 0x00000001
#define BUS_NOTIFY_DEL_DEVICE 0x00000002
#define BUS_NOTIFY_REMOVED_DEVICE 0x00000003
#define BUS_NOTIFY_BIND_DRIVER 0x00000004
#define BUS_NOTIFY_BOUND_DRIVER 0x00000005
#define BUS_NOTIFY_UNBIND_DRIVER 0x00000006
#define BUS_NOTIFY_UNBOUND_DRIVER 0x00000007
#define BUS_NOTIFY_DRIVER_NOT_BOUND 0x00000008

int shim_dev_printk(const char *level, const struct device *dev, const char *fmt, ...) __printf(3, 4);
#define dev_printk(level, dev, fmt, ...) shim_dev_printk(level, dev, fmt, ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...) shim_dev_printk(KERN_EMERG, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...) shim_dev_printk(KERN_CRIT, dev, fmt, ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...) shim_dev_printk(KERN_ALERT, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) shim_dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) shim_dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) shim_dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) shim_dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...) shim_dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)
#define dev_err_once dev_err
#define dev_warn_once dev_warn
#define dev_info_once dev_info
#define dev_err_ratelimited dev_err
#define dev_warn_ratelimited dev_warn
#define dev_dbg_ratelimited dev_dbg
#define dev_WARN(dev, fmt, ...) WARN(1, fmt, ##__VA_ARGS__)
#define dev_WARN_ONCE(dev, cond, fmt, ...) WARN(cond, fmt, ##__VA_ARGS__)
#define dev_err_probe(dev, err, fmt, ...) ({ dev_err(dev, fmt, ##__VA_ARGS__); (err); })

void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp);
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp);
void devm_kfree(struct device *dev, const void *p);
#define dev_is_platform(dev) ((dev)->bus == &platform_bus_type)
extern const struct bus_type platform_bus_type;
static inline int dma_coerce_mask_and_coherent(struct device *dev, u64 mask)
{
	dev->coherent_dma_mask = mask;
	return 0;
}
/* sysfs is not modelled: an attribute is its name and show method. */
struct device_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device *dev, struct device_attribute *attr, char *buf);
};
#define DEVICE_ATTR(...)
#define DEVICE_ATTR_RO(_name) \
	struct device_attribute dev_attr_##_name __maybe_unused = { \
		.attr = { .name = #_name }, .show = _name##_show }
static inline void *dev_get_msi_domain(const struct device *dev) { return NULL; }
static inline void dev_set_msi_domain(struct device *dev, void *d) { }

#endif
