// SPDX-License-Identifier: GPL-2.0-only
//
// iommu_tcache_pkg - operation and replacement-policy codes of
// iommu_tcache, shared with the C harness (rtl_cache.h mirrors them).
package iommu_tcache_pkg;
  localparam logic [2:0] OP_LOOKUP = 3'd0;  // counted probe: touches a hit
  localparam logic [2:0] OP_PEEK = 3'd1;    // probe without touching
  localparam logic [2:0] OP_FILL = 3'd2;    // insert or refresh a key
  localparam logic [2:0] OP_INV_KEY = 3'd3; // remove one key
  localparam logic [2:0] OP_INV_ALL = 3'd4; // remove everything, one cycle
  localparam logic [2:0] OP_INV_SEL = 3'd5; // by domain/PASID/range, a set per cycle

  localparam int REPL_LRU = 0;
  localparam int REPL_FIFO = 1;
  localparam int REPL_PLRU = 2;
  localparam int REPL_RANDOM = 3;
endpackage
