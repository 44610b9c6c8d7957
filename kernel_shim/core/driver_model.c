// SPDX-License-Identifier: GPL-2.0-only
/*
 * Devices, buses and kobjects: enough of the driver core for iommu.c's
 * probe path. device_add() on a bus runs the bus notifiers, which is how
 * the iommu core learns of a device (iommu_bus_notifier -> probe).
 */
#include <linux/device.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>

const struct bus_type platform_bus_type = { .name = "platform" };
static struct kobject kernel_kobj_storage = { .name = "kernel" };
struct kobject *kernel_kobj = &kernel_kobj_storage;

/*
 * Per-bus state lives here, not in struct bus_type: buses are often
 * const (platform_bus_type sits in read-only memory).
 */
#define MAX_BUSES 16

struct bus_state {
	const struct bus_type *bus;
	struct list_head devices;
	struct blocking_notifier_head notifier;
};

static struct bus_state buses[MAX_BUSES];
const struct bus_type *shim_mock_bus;

static struct bus_state *bus_state(const struct bus_type *bus)
{
	for (int i = 0; i < MAX_BUSES; i++) {
		if (buses[i].bus == bus)
			return &buses[i];
		if (!buses[i].bus) {
			buses[i].bus = bus;
			INIT_LIST_HEAD(&buses[i].devices);
			BLOCKING_INIT_NOTIFIER_HEAD(&buses[i].notifier);
			return &buses[i];
		}
	}
	host_bug(__FILE__, __LINE__, "too many buses");
}

int bus_register(const struct bus_type *bus)
{
	bus_state(bus);
	/* The selftest's mock bus: shim_mock_dev_create() adds devices to it. */
	if (!strcmp(bus->name, "iommufd_mock"))
		shim_mock_bus = bus;
	return 0;
}

void bus_unregister(const struct bus_type *bus)
{
	if (bus == shim_mock_bus)
		shim_mock_bus = NULL;
	WARN_ON(!list_empty(&bus_state(bus)->devices));
}

int bus_register_notifier(const struct bus_type *bus, struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&bus_state(bus)->notifier, nb);
}

int bus_unregister_notifier(const struct bus_type *bus, struct notifier_block *nb)
{
	return blocking_notifier_chain_unregister(&bus_state(bus)->notifier, nb);
}

int bus_for_each_dev(const struct bus_type *bus, struct device *start, void *data,
		     int (*fn)(struct device *dev, void *data))
{
	struct device *dev, *next;
	int ret = 0;

	list_for_each_entry_safe(dev, next, &bus_state(bus)->devices, shim_bus_node) {
		ret = fn(dev, data);
		if (ret)
			break;
	}
	return ret;
}

int blocking_notifier_chain_register(struct blocking_notifier_head *nh, struct notifier_block *nb)
{
	struct notifier_block **p = &nh->head;

	/* Higher priority first; equal priority in registration order. */
	while (*p && (*p)->priority >= nb->priority)
		p = &(*p)->next;
	nb->next = *p;
	*p = nb;
	return 0;
}

int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh, struct notifier_block *nb)
{
	for (struct notifier_block **p = &nh->head; *p; p = &(*p)->next) {
		if (*p == nb) {
			*p = nb->next;
			return 0;
		}
	}
	return -ENOENT;
}

int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long val, void *v)
{
	int ret = NOTIFY_DONE;

	for (struct notifier_block *nb = nh->head; nb; nb = nb->next) {
		ret = nb->notifier_call(nb, val, v);
		if (ret & NOTIFY_STOP_MASK)
			break;
	}
	return ret;
}

void kobject_init(struct kobject *kobj, const struct kobj_type *ktype)
{
	kref_init(&kobj->kref);
	kobj->ktype = ktype;
	kobj->initialized = true;
}

static int kobject_vset_name(struct kobject *kobj, const char *fmt, va_list ap)
{
	char *name = kvasprintf(GFP_KERNEL, fmt, ap);

	if (!name)
		return -ENOMEM;
	kfree(kobj->name);
	kobj->name = name;
	return 0;
}

int kobject_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = kobject_vset_name(kobj, fmt, ap);
	va_end(ap);
	/* A child holds its parent (iommu.c counts groups by this). */
	kobj->parent = kobject_get(parent);
	return rc;
}

int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype,
			 struct kobject *parent, const char *fmt, ...)
{
	va_list ap;
	int rc;

	kobject_init(kobj, ktype);
	va_start(ap, fmt);
	rc = kobject_vset_name(kobj, fmt, ap);
	va_end(ap);
	kobj->parent = kobject_get(parent);
	return rc;
}

struct kobject *kobject_get(struct kobject *kobj)
{
	if (kobj)
		kref_get(&kobj->kref);
	return kobj;
}

static void kobject_release(struct kref *kref)
{
	struct kobject *kobj = container_of(kref, struct kobject, kref);
	const char *name = kobj->name;
	struct kobject *parent = kobj->parent;

	kobj->name = NULL;
	if (kobj->ktype && kobj->ktype->release)
		kobj->ktype->release(kobj);
	kfree(name);
	kobject_put(parent);
}

void kobject_put(struct kobject *kobj)
{
	if (kobj)
		kref_put(&kobj->kref, kobject_release);
}

void kobject_del(struct kobject *kobj)
{
}

static void dynamic_kobj_release(struct kobject *kobj)
{
	kfree(kobj);
}

static const struct kobj_type dynamic_kobj_ktype = { .release = dynamic_kobj_release };

struct kobject *kobject_create_and_add(const char *name, struct kobject *parent)
{
	struct kobject *kobj = kzalloc(sizeof(*kobj), GFP_KERNEL);

	if (!kobj)
		return NULL;
	if (kobject_init_and_add(kobj, &dynamic_kobj_ktype, parent, "%s", name)) {
		kobject_put(kobj);
		return NULL;
	}
	return kobj;
}

/*
 * Built-in code creates ksets it never unregisters (iommu.c's
 * iommu_group_kset): shim_shutdown() frees what is left, so that a kernel
 * booted again and again (fuzz/fuzz_iommufd) leaks nothing.
 */
struct shim_kset {
	struct kset k;
	struct shim_kset *next, **pprev;
};
static struct shim_kset *live_ksets;

struct kset *kset_create_and_add(const char *name, const void *uevent_ops, struct kobject *parent)
{
	struct shim_kset *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	s->k.name = name;
	s->next = live_ksets;
	if (live_ksets)
		live_ksets->pprev = &s->next;
	s->pprev = &live_ksets;
	live_ksets = s;
	return &s->k;
}

void kset_unregister(struct kset *k)
{
	struct shim_kset *s;

	if (!k)
		return;
	s = container_of(k, struct shim_kset, k);
	*s->pprev = s->next;
	if (s->next)
		s->next->pprev = s->pprev;
	kfree(s);
}

void shim_driver_model_fini(void)
{
	while (live_ksets)
		kset_unregister(&live_ksets->k);
	/* Notifiers built-in code registered and never took back (their
	 * blocks are boot objects, freed at the end of shutdown): a kernel
	 * booted again starts with empty chains, not one more each boot. */
	for (int i = 0; i < MAX_BUSES; i++)
		buses[i].notifier.head = NULL;
}

int sysfs_create_link(struct kobject *kobj, struct kobject *target, const char *name) { return 0; }
int sysfs_create_link_nowarn(struct kobject *kobj, struct kobject *target, const char *name) { return 0; }
void sysfs_remove_link(struct kobject *kobj, const char *name) { }
int sysfs_create_file(struct kobject *kobj, const struct attribute *attr) { return 0; }
void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr) { }
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp) { return 0; }
void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp) { }

static void device_kobj_release(struct kobject *kobj)
{
	struct device *dev = kobj_to_dev(kobj);

	if (dev->release)
		dev->release(dev);
	else if (dev->type && dev->type->release)
		dev->type->release(dev);
}

static const struct kobj_type device_ktype = { .release = device_kobj_release };

void device_initialize(struct device *dev)
{
	kobject_init(&dev->kobj, &device_ktype);
	mutex_init(&dev->mutex);
	INIT_LIST_HEAD(&dev->shim_bus_node);
	dev->numa_node = NUMA_NO_NODE;
}

int dev_set_name(struct device *dev, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = kobject_vset_name(&dev->kobj, fmt, ap);
	va_end(ap);
	return rc;
}

const char *dev_driver_string(const struct device *dev)
{
	return dev->driver ? dev->driver->name : (dev->bus ? dev->bus->name : "");
}

int device_add(struct device *dev)
{
	if (!dev->kobj.name && dev->init_name)
		dev_set_name(dev, "%s", dev->init_name);
	get_device(dev);
	if (dev->bus) {
		struct bus_state *bs = bus_state(dev->bus);

		list_add_tail(&dev->shim_bus_node, &bs->devices);
		dev->shim_added = true;
		blocking_notifier_call_chain(&bs->notifier, BUS_NOTIFY_ADD_DEVICE, dev);
	}
	dev->shim_added = true;
	return 0;
}

void device_del(struct device *dev)
{
	if (dev->bus && !list_empty(&dev->shim_bus_node)) {
		struct bus_state *bs = bus_state(dev->bus);

		blocking_notifier_call_chain(&bs->notifier, BUS_NOTIFY_DEL_DEVICE, dev);
		list_del_init(&dev->shim_bus_node);
		blocking_notifier_call_chain(&bs->notifier, BUS_NOTIFY_REMOVED_DEVICE, dev);
	}
	dev->shim_added = false;
	put_device(dev);
}

int device_register(struct device *dev)
{
	device_initialize(dev);
	return device_add(dev);
}

void device_unregister(struct device *dev)
{
	device_del(dev);
	put_device(dev);
}

struct device *get_device(struct device *dev)
{
	if (dev)
		kobject_get(&dev->kobj);
	return dev;
}

void put_device(struct device *dev)
{
	if (dev)
		kobject_put(&dev->kobj);
}

int device_for_each_child(struct device *parent, void *data,
			  int (*fn)(struct device *dev, void *data))
{
	return 0;
}

int device_property_read_u32(const struct device *dev, const char *name, u32 *val)
{
	if (!strcmp(name, "pasid-num-bits") && dev->shim_pasid_bits) {
		*val = dev->shim_pasid_bits;
		return 0;
	}
	return -EINVAL;
}

struct pdev_with_name {
	struct platform_device pdev;
	char name[64];
};

static void platform_device_release(struct device *dev)
{
	kfree(container_of(to_platform_device(dev), struct pdev_with_name, pdev));
}

struct platform_device *platform_device_alloc(const char *name, int id)
{
	struct pdev_with_name *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	strscpy(p->name, name, sizeof(p->name));
	p->pdev.name = p->name;
	p->pdev.id = id;
	device_initialize(&p->pdev.dev);
	p->pdev.dev.release = platform_device_release;
	p->pdev.dev.bus = &platform_bus_type;
	return &p->pdev;
}

int platform_device_add(struct platform_device *pdev)
{
	if (pdev->id >= 0)
		dev_set_name(&pdev->dev, "%s.%d", pdev->name, pdev->id);
	else
		dev_set_name(&pdev->dev, "%s", pdev->name);
	return device_add(&pdev->dev);
}

void platform_device_put(struct platform_device *pdev)
{
	if (pdev)
		put_device(&pdev->dev);
}

void platform_device_del(struct platform_device *pdev)
{
	if (pdev)
		device_del(&pdev->dev);
}

void platform_device_unregister(struct platform_device *pdev)
{
	platform_device_del(pdev);
	platform_device_put(pdev);
}

struct platform_device *platform_device_register_full(const struct platform_device_info *info)
{
	struct platform_device *pdev = platform_device_alloc(info->name, info->id);
	int rc;

	if (!pdev)
		return ERR_PTR(-ENOMEM);
	pdev->dev.parent = info->parent;
	pdev->dev.fwnode = info->fwnode;
	rc = platform_device_add(pdev);
	if (rc) {
		platform_device_put(pdev);
		return ERR_PTR(rc);
	}
	return pdev;
}

struct platform_device *platform_device_register_simple(const char *name, int id,
							const struct resource *res,
							unsigned int num)
{
	struct platform_device_info info = { .name = name, .id = id };

	return platform_device_register_full(&info);
}

void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp) { return kzalloc(size, gfp); }
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp) { return kmalloc(size, gfp); }
void devm_kfree(struct device *dev, const void *p) { kfree(p); }
