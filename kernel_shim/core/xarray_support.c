// SPDX-License-Identifier: GPL-2.0-only
/* What lib/xarray.c expects from lib/radix-tree.c: the node cache. */
#include <linux/slab.h>
#include <linux/xarray.h>

struct kmem_cache *radix_tree_node_cachep;

void radix_tree_node_rcu_free(struct rcu_head *head)
{
	struct xa_node *node = container_of(head, struct xa_node, rcu_head);

	kmem_cache_free(radix_tree_node_cachep, node);
}

/* Nodes must come zeroed, as radix-tree.c's constructor makes them. */
static void node_ctor(void *p)
{
	memset(p, 0, sizeof(struct xa_node));
}

void shim_xarray_init(void)
{
	if (!radix_tree_node_cachep)
		radix_tree_node_cachep = kmem_cache_create("radix_tree_node",
							   sizeof(struct xa_node), 0,
							   0, node_ctor);
}

void shim_xarray_fini(void)
{
	kmem_cache_destroy(radix_tree_node_cachep);
	radix_tree_node_cachep = NULL;
}
