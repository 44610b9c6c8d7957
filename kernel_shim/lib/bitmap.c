// SPDX-License-Identifier: GPL-2.0-only
/* Bitmap helpers over unsigned long words (bit 0 is the LSB of word 0). */
#include <linux/bitmap.h>
#include <linux/slab.h>

unsigned long _find_next_bit(const unsigned long *addr, unsigned long size,
			     unsigned long offset, bool want_set)
{
	while (offset < size) {
		unsigned long word = addr[BIT_WORD(offset)];

		if (!want_set)
			word = ~word;
		word &= BITMAP_FIRST_WORD_MASK(offset);
		if (word) {
			offset = (offset & ~(BITS_PER_LONG - 1)) + __ffs(word);
			return offset < size ? offset : size;
		}
		offset = (offset | (BITS_PER_LONG - 1)) + 1;
	}
	return size;
}

void bitmap_set(unsigned long *map, unsigned int start, unsigned int nbits)
{
	for (unsigned int i = start; i < start + nbits; i++)
		__set_bit(i, map);
}

void bitmap_clear(unsigned long *map, unsigned int start, unsigned int nbits)
{
	for (unsigned int i = start; i < start + nbits; i++)
		__clear_bit(i, map);
}

bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) >= nbits;
}

bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
	return find_first_zero_bit(src, nbits) >= nbits;
}

unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int w = 0;

	for (unsigned int i = 0; i < nbits; i++)
		w += test_bit(i, src);
	return w;
}

unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t flags)
{
	return kcalloc(BITS_TO_LONGS(nbits), sizeof(unsigned long), flags);
}

void bitmap_free(const unsigned long *bitmap)
{
	kfree(bitmap);
}
