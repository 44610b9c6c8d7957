/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_MINMAX_H
#define _SHIM_LINUX_MINMAX_H

#define min(x, y) ({ typeof(x) _mx = (x); typeof(y) _my = (y); _mx < _my ? _mx : _my; })
#define max(x, y) ({ typeof(x) _mx = (x); typeof(y) _my = (y); _mx > _my ? _mx : _my; })
#define min3(x, y, z) min((typeof(x))min(x, y), z)
#define max3(x, y, z) max((typeof(x))max(x, y), z)
#define min_t(type, x, y) ({ type _mtx = (x); type _mty = (y); _mtx < _mty ? _mtx : _mty; })
#define max_t(type, x, y) ({ type _mtx = (x); type _mty = (y); _mtx > _mty ? _mtx : _mty; })
#define umin(x, y) min_t(unsigned long long, x, y)
#define umax(x, y) max_t(unsigned long long, x, y)
#define clamp(val, lo, hi) min((typeof(val))max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi) clamp_t(typeof(val), val, lo, hi)
#define swap(a, b) do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
#define in_range(val, start, len) ((val) >= (start) && (val) - (start) < (len))

#endif
