// SPDX-License-Identifier: GPL-2.0-only
//
// iommu_tcache - a set-associative translation cache: the IOTLB / SMMU TLB
// and the paging-structure (walk) caches, with the semantics of
// models/common/cache.{h,c} so the two can run in lock-step.
//
// An entry is a key (addr, tag) and a data word (the translation). addr is
// the input address shifted right by the entry's page size; tag carries
// the context (domain id + PASID for VT-d, VMID + ASID + kind for SMMUv3)
// and the page shift, at the bit positions the parameters name. A lookup
// at one page size is an exact compare of both; the requester probes each
// size it may hold (4K, 2M, 1G), one request per size, as the C model does.
// The range invalidation is page-size aware: an entry's span is
// [addr << shift, (addr + 1) << shift) with shift from its own tag.
//
// Set index: addr ^ (tag * 0x9e3779b97f4a7c15 >> 32), low bits, the hash
// of cache_key_hash(), so that entries land in the same set as the model.
//
// Pipeline: a request is presented with req_valid while req_ready; it
// passes STAGES-1 register stages and then the array stage, where the
// compare, the victim choice and every state update happen in one cycle.
// Every operation (lookup, fill, invalidation) flows through the same
// stages in issue order, so operations that meet in one cycle act in the
// order they were issued and no hazard exists. resp_valid rises STAGES
// cycles after the request was presented. A selective invalidation
// visits one set per cycle (SETS cycles); a random draw that the unbiased
// sampler rejects takes one more cycle; both hold req_ready low.
//
// Replacement (REPL), as cache.c: the victim is the first invalid way,
// else 0 LRU: least recently touched (per-set age order);
//      1 FIFO: oldest fill; 2 tree pseudo-LRU (WAYS a power of two);
//      3 random: xoshiro256** loaded through rng_load, drawn only when
//        every way is valid, with rng_below()'s rejection of the top
//        partial copy of [0, WAYS).
// PLRU_BUG = 1 is a deliberate defect for the lock-step's own test: a
// touch leaves the last tree level alone.

/* verilator lint_off DECLFILENAME */
module iommu_tcache #(
    parameter int SETS = 64,
    parameter int WAYS = 8,
    parameter int REPL = 0,
    parameter int STAGES = 2,
    parameter int ADDR_W = 64,
    parameter int TAG_W = 64,
    parameter int DATA_W = 64,
    parameter int DOM_LSB = 0,
    parameter int DOM_W = 16,
    parameter int PASID_LSB = 16,
    parameter int PASID_W = 20,
    parameter int SIZE_LSB = 40,
    parameter int SIZE_W = 6,
    parameter bit PLRU_BUG = 1'b0,
    localparam int SET_W = SETS > 1 ? $clog2(SETS) : 1,
    localparam int WAY_W = WAYS > 1 ? $clog2(WAYS) : 1
) (
    input  logic              clk,
    input  logic              rst_n,
    // random replacement's generator state (s[0] in bits 63:0)
    input  logic              rng_load,
    input  logic [255:0]      rng_seed,
    // request
    input  logic              req_valid,
    output logic              req_ready,
    input  logic [2:0]        req_op,
    input  logic [2:0]        req_sel,     // OP_INV_SEL: {range, pasid, domain}
    input  logic [ADDR_W-1:0] req_addr,
    input  logic [TAG_W-1:0]  req_tag,
    input  logic [DATA_W-1:0] req_data,
    input  logic [63:0]       req_lo,      // OP_INV_SEL range, bytes, inclusive
    input  logic [63:0]       req_hi,
    // response, in request order
    output logic              resp_valid,
    output logic [2:0]        resp_op,
    output logic              resp_hit,    // key present (lookup/peek/fill/inv_key)
    output logic [SET_W-1:0]  resp_set,
    output logic [WAY_W-1:0]  resp_way,    // way hit, filled or invalidated
    output logic              resp_evict,  // fill displaced a valid entry
    output logic [ADDR_W-1:0] resp_old_addr,
    output logic [TAG_W-1:0]  resp_old_tag,
    output logic [DATA_W-1:0] resp_data,   // translation of a hit
    output logic [31:0]       resp_count,  // entries removed by an invalidation
    // debug read port: one line and its set's replacement state
    input  logic [SET_W-1:0]  dbg_set,
    input  logic [WAY_W-1:0]  dbg_way,
    output logic              dbg_valid,
    output logic [ADDR_W-1:0] dbg_addr,
    output logic [TAG_W-1:0]  dbg_tag,
    output logic [DATA_W-1:0] dbg_data,
    output logic [63:0]       dbg_repl
);
  import iommu_tcache_pkg::*;

  typedef struct packed {
    logic              valid;
    logic [2:0]        op;
    logic [2:0]        sel;
    logic [SET_W-1:0]  idx;
    logic [ADDR_W-1:0] addr;
    logic [TAG_W-1:0]  tag;
    logic [DATA_W-1:0] data;
    logic [63:0]       lo;
    logic [63:0]       hi;
  } req_t;

  // ---- index: cache_key_hash() ------------------------------------------
  localparam logic [63:0] HASH_K = 64'h9e37_79b9_7f4a_7c15;
  // only bits 32 and up of the product index the set
  /* verilator lint_off UNUSEDSIGNAL */
  logic [63:0] tag_prod;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [SET_W-1:0] in_set;
  assign tag_prod = 64'(req_tag) * HASH_K;
  generate
    if (SETS > 1) begin : g_hash
      assign in_set = req_addr[SET_W-1:0] ^ tag_prod[32+:SET_W];
    end else begin : g_hash1
      assign in_set = '0;
    end
  endgenerate

  logic busy_q;
  req_t in_req, cur;
  assign req_ready = !busy_q;
  assign in_req = '{valid: req_valid && !busy_q, op: req_op, sel: req_sel, idx: in_set,
                    addr: req_addr, tag: req_tag, data: req_data, lo: req_lo, hi: req_hi};

  // ---- STAGES-1 register stages before the array stage ------------------
  req_t arr_in;
  generate
    if (STAGES > 1) begin : g_pipe
      req_t pipe_q[STAGES-1];
      always_ff @(posedge clk) begin
        if (!rst_n) begin
          for (int i = 0; i < STAGES - 1; i++) pipe_q[i].valid <= 1'b0;
        end else if (!busy_q) begin
          pipe_q[0] <= in_req;
          for (int i = 1; i < STAGES - 1; i++) pipe_q[i] <= pipe_q[i-1];
        end
      end
      assign arr_in = pipe_q[STAGES-2];
    end else begin : g_nopipe
      assign arr_in = in_req;
    end
  endgenerate

  // ---- the array -----------------------------------------------------------
  // valid bits and ages are packed vectors: one flash clear / reset value
  logic [SETS*WAYS-1:0] v_q;
  logic [ADDR_W-1:0] a_q[SETS][WAYS];
  logic [TAG_W-1:0]  t_q[SETS][WAYS];
  logic [DATA_W-1:0] d_q[SETS][WAYS];

  req_t hold_q;                 // a multi-cycle operation in progress
  logic [SET_W-1:0] walk_q;     // its next set (selective invalidation)
  logic [31:0] count_q;         // entries it removed so far
  assign cur = busy_q ? hold_q : arr_in;

  // a selective invalidation visits set 0 first, then walk_q
  logic [SET_W-1:0] aset;
  assign aset = cur.op != OP_INV_SEL ? cur.idx : busy_q ? walk_q : '0;

  // Key compare, first invalid way
  logic hit, any_free;
  logic [WAY_W-1:0] hit_way, free_way;
  always_comb begin
    hit = 1'b0;
    hit_way = '0;
    any_free = 1'b0;
    free_way = '0;
    for (int w = WAYS - 1; w >= 0; w--) begin
      if (v_q[32'(aset)*WAYS+w] && a_q[aset][w] == cur.addr && t_q[aset][w] == cur.tag) begin
        hit = 1'b1;
        hit_way = WAY_W'(w);
      end
      if (!v_q[32'(aset)*WAYS+w]) begin
        any_free = 1'b1;
        free_way = WAY_W'(w);
      end
    end
  end

  // Selective invalidation: which ways of the visited set go
  function automatic logic [63:0] span_lo(logic [ADDR_W-1:0] a, logic [SIZE_W-1:0] sh);
    return 64'(a) << sh;
  endfunction
  logic [WAYS-1:0] sel_kill;
  always_comb begin
    for (int w = 0; w < WAYS; w++) begin
      logic [SIZE_W-1:0] sh;
      logic [63:0] lo, hi;
      sh = t_q[aset][w][SIZE_LSB+:SIZE_W];
      lo = span_lo(a_q[aset][w], sh);
      hi = lo | ((64'd1 << sh) - 64'd1);
      sel_kill[w] = v_q[32'(aset)*WAYS+w]
          && (!cur.sel[0] || t_q[aset][w][DOM_LSB+:DOM_W] == cur.tag[DOM_LSB+:DOM_W])
          && (!cur.sel[1] || t_q[aset][w][PASID_LSB+:PASID_W] == cur.tag[PASID_LSB+:PASID_W])
          && (!cur.sel[2] || (lo <= cur.hi && hi >= cur.lo));
    end
  end

  // ---- replacement policy: victim of `set`, and touches -------------------
  logic [WAY_W-1:0] pol_victim;
  logic pol_retry;              // random: the draw was rejected, draw again
  logic touch_en, fill_new;     // this cycle: a way of `set` was used / newly filled
  logic [WAY_W-1:0] touch_way;
  logic need_victim;            // a fill of a new key into a full set

  generate
    if (REPL == REPL_LRU || REPL == REPL_FIFO) begin : g_age
      // age 0 = most recent; the ages of a set are a permutation of 0..WAYS-1
      function automatic logic [SETS*WAYS*WAY_W-1:0] age_init();
        for (int i = 0; i < SETS * WAYS; i++) age_init[i*WAY_W+:WAY_W] = WAY_W'(i % WAYS);
      endfunction
      logic [SETS*WAYS*WAY_W-1:0] age_q;
      function automatic logic [WAY_W-1:0] age(logic [SET_W-1:0] st, int w);
        return age_q[(32'(st)*WAYS+w)*WAY_W+:WAY_W];
      endfunction
      logic upd;
      assign upd = REPL == REPL_LRU ? touch_en : fill_new;
      always_comb begin
        pol_victim = '0;
        for (int w = 0; w < WAYS; w++)
          if (age(aset, w) == WAY_W'(WAYS - 1)) pol_victim = WAY_W'(w);
      end
      assign pol_retry = 1'b0;
      always_ff @(posedge clk) begin
        if (!rst_n) begin
          age_q <= age_init();
        end else if (upd) begin
          for (int w = 0; w < WAYS; w++)
            if (age(aset, w) < age(aset, 32'(touch_way)))
              age_q[(32'(aset)*WAYS+w)*WAY_W+:WAY_W] <= age(aset, w) + 1'b1;
          age_q[(32'(aset)*WAYS+32'(touch_way))*WAY_W+:WAY_W] <= '0;
        end
      end
      assign dbg_repl = 64'(age(dbg_set, 32'(dbg_way)));
      logic unused_age;
      assign unused_age = need_victim | rng_load | ^rng_seed;
    end else if (REPL == REPL_PLRU) begin : g_plru
      // bit n is node n of a heap-ordered tree; bit 0 is unused
      logic [SETS*WAYS-1:0] plru_q;
      always_comb begin
        int node;
        node = 1;
        pol_victim = '0;
        for (int l = WAY_W - 1; l >= 0; l--) begin
          if (plru_q[32'(aset)*WAYS+node]) begin
            pol_victim[l] = 1'b1;
            node = node * 2 + 1;
          end else begin
            node = node * 2;
          end
        end
      end
      assign pol_retry = 1'b0;
      always_ff @(posedge clk) begin
        if (!rst_n) begin
          plru_q <= '0;
        end else if (touch_en) begin
          int node;
          node = 1;
          for (int l = WAY_W - 1; l >= 0; l--) begin
            if (!(PLRU_BUG && l == 0)) plru_q[32'(aset)*WAYS+node] <= !touch_way[l];
            node = touch_way[l] ? node * 2 + 1 : node * 2;
          end
        end
      end
      assign dbg_repl = 64'(plru_q[32'(dbg_set)*WAYS+:WAYS]);
      logic unused_plru;
      assign unused_plru = need_victim | fill_new | ^dbg_way | rng_load | ^rng_seed;
    end else if (REPL == REPL_RANDOM) begin : g_rand
      localparam logic [63:0] MAXU = '1;
      localparam logic [63:0] LIMIT = MAXU - (MAXU % 64'(WAYS));
      logic [63:0] s_q[4], s_n[4];
      logic [63:0] draw;
      always_comb begin
        logic [63:0] m, t;
        m = s_q[1] * 64'd5;
        draw = {m[56:0], m[63:57]} * 64'd9;
        t = s_q[1] << 17;
        s_n[2] = s_q[2] ^ s_q[0];
        s_n[3] = s_q[3] ^ s_q[1];
        s_n[1] = s_q[1] ^ s_n[2];
        s_n[0] = s_q[0] ^ s_n[3];
        s_n[2] = s_n[2] ^ t;
        s_n[3] = {s_n[3][18:0], s_n[3][63:19]};
      end
      assign pol_retry = need_victim && draw >= LIMIT;
      assign pol_victim = WAY_W'(draw % 64'(WAYS));
      always_ff @(posedge clk) begin
        if (rng_load) begin
          for (int i = 0; i < 4; i++) s_q[i] <= rng_seed[64*i+:64];
        end else if (need_victim) begin
          s_q <= s_n;
        end
      end
      assign dbg_repl = s_q[0];
      logic unused_rand;
      assign unused_rand = touch_en | fill_new | ^touch_way | ^dbg_way;
    end else begin : g_bad_repl
      $error("iommu_tcache: REPL must be 0 (LRU), 1 (FIFO), 2 (PLRU) or 3 (random)");
    end
  endgenerate

  // ---- the array stage -----------------------------------------------------
  logic [WAY_W-1:0] fill_way;
  logic done;                   // the operation at the array stage completes now
  always_comb begin
    touch_en = 1'b0;
    fill_new = 1'b0;
    need_victim = 1'b0;
    fill_way = any_free ? free_way : pol_victim;
    touch_way = hit ? hit_way : fill_way;
    done = 1'b1;
    if (cur.valid) begin
      unique case (cur.op)
        OP_LOOKUP: touch_en = hit;
        OP_PEEK: ;
        OP_FILL: begin
          need_victim = !hit && !any_free;
          touch_en = !pol_retry;
          fill_new = !hit && !pol_retry;
          done = !pol_retry;
        end
        OP_INV_SEL: done = SETS == 1 || (busy_q && walk_q == SET_W'(SETS - 1));
        default: ;
      endcase
    end
  end

  logic [31:0] sel_n, all_n;
  always_comb begin
    sel_n = '0;
    for (int w = 0; w < WAYS; w++) sel_n = sel_n + 32'(sel_kill[w]);
    all_n = 32'($countones(v_q));
  end

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      v_q <= '0;
      busy_q <= 1'b0;
      walk_q <= '0;
      count_q <= '0;
      resp_valid <= 1'b0;
    end else begin
      resp_valid <= cur.valid && done;
      if (cur.valid) begin
        resp_op <= cur.op;
        resp_set <= aset;
        resp_hit <= hit;
        resp_way <= hit ? hit_way : fill_way;
        resp_evict <= 1'b0;
        resp_old_addr <= a_q[aset][fill_way];
        resp_old_tag <= t_q[aset][fill_way];
        resp_data <= d_q[aset][hit_way];
        resp_count <= 32'(hit);
        unique case (cur.op)
          OP_FILL:
            if (!pol_retry) begin
              if (!hit) begin
                resp_evict <= v_q[32'(aset)*WAYS+32'(fill_way)];
                v_q[32'(aset)*WAYS+32'(fill_way)] <= 1'b1;
                a_q[aset][fill_way] <= cur.addr;
                t_q[aset][fill_way] <= cur.tag;
              end
              d_q[aset][touch_way] <= cur.data;
            end
          OP_INV_KEY: if (hit) v_q[32'(aset)*WAYS+32'(hit_way)] <= 1'b0;
          OP_INV_ALL: begin
            v_q <= '0;
            resp_count <= all_n;
          end
          OP_INV_SEL: begin
            for (int w = 0; w < WAYS; w++) if (sel_kill[w]) v_q[32'(aset)*WAYS+w] <= 1'b0;
            resp_count <= (busy_q ? count_q : '0) + sel_n;
          end
          default: ;
        endcase
        // multi-cycle operations: hold them at the array stage
        if (!done) begin
          busy_q <= 1'b1;
          hold_q <= cur;
          if (cur.op == OP_INV_SEL) begin
            walk_q <= aset + 1'b1;
            count_q <= (busy_q ? count_q : '0) + sel_n;
          end
        end else begin
          busy_q <= 1'b0;
          walk_q <= '0;
        end
      end
    end
  end

  // ---- debug read port -----------------------------------------------------
  assign dbg_valid = v_q[32'(dbg_set)*WAYS+32'(dbg_way)];
  assign dbg_addr = a_q[dbg_set][dbg_way];
  assign dbg_tag = t_q[dbg_set][dbg_way];
  assign dbg_data = d_q[dbg_set][dbg_way];
endmodule
