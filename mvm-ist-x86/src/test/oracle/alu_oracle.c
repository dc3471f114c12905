/*
 * Ground truth for the 80386/80486 integer instructions, from the host processor.
 *
 * Runs each ALU, shift, rotate, double-shift, bit-test, bit-scan, multiply, divide, BSWAP,
 * XADD and CMPXCHG form natively (inline assembly, 8-, 16- and 32-bit operand sizes) on
 * OPERAND_SETS operand sets drawn from a fixed-seed SplitMix64 generator, and writes what
 * the processor computed: the results and the six arithmetic flags, plus whether it raised
 * the divide error. The inputs are not written: OracleDifferentialTest draws the same
 * operands from the same generator (same seed, same order of draws) and runs each form
 * through the interpreter, comparing the flags each instruction defines.
 *
 * Regenerate on any x86-64 Linux host (gcc, no extra libraries), from this directory:
 *
 *   gcc -O2 -mno-red-zone -o /tmp/alu_oracle alu_oracle.c
 *   /tmp/alu_oracle | gzip -9n > ../resources/oracle/alu.bin.gz
 *
 * The output is the same on every x86-64 processor for everything the test compares (it
 * masks the flags and results the manuals leave undefined, where Intel and AMD differ).
 *
 * Format, little-endian: per form a section
 *   name      ASCII, NUL-terminated (for example "adc16")
 *   size      u8: operand size in bytes, 1, 2 or 4
 *   results   u8: how many results each record holds, 0 to 2
 *   count     u32: number of records
 *   records   count times: results x size bytes, then one flags byte:
 *             bit 0 CF, 1 PF, 2 AF, 3 ZF, 4 SF, 5 OF, 7 divide error (#DE; nothing else valid)
 *
 * Operands of record i of a form, drawn in this order from SplitMix64 seeded with
 * SEED ^ fnv1a(name): a, b, c = operand(size); cin = next() & 1; count = next() & 0xFF;
 * u = next(). operand(): r = next(); (r & 3) == 0 ? SPECIAL[(r >> 8) % 16] : r >> 32, masked
 * to the size. Forms adjust them: divides set a = a mod b (unsigned) when u is odd and b is
 * not zero, so that most quotients fit; CMPXCHG sets b = a when u is odd, so that half
 * compare equal. CF on entry is cin, every other flag clear.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define OPERAND_SETS 10000
#define SEED 0x386486C0FFEEULL

static const uint32_t SPECIAL[16] = {
    0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000,
    0xFFFF, 0x7FFFFFFF, 0x80000000u, 0xFFFFFFFFu, 0x10, 0x0F, 0x100, 0xFFFE};

static uint64_t state;

static uint64_t next(void) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static uint32_t mask_of(int size) { return size == 4 ? 0xFFFFFFFFu : (1u << (size * 8)) - 1; }

static uint32_t operand(int size) {
  uint64_t r = next();
  uint32_t v = (r & 3) == 0 ? SPECIAL[(r >> 8) % 16] : (uint32_t)(r >> 32);
  return v & mask_of(size);
}

static uint64_t fnv1a(const char *s) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 0x100000001B3ULL;
  }
  return h;
}

/* One execution: inputs in, results and RFLAGS out. */
typedef struct {
  uint32_t a, b, c, cin, count;
  uint32_t r1, r2;
  uint64_t flags;
} op_t;

typedef void (*form_fn)(op_t *);

static sigjmp_buf on_divide_error;

static void sigfpe(int sig) {
  (void)sig;
  siglongjmp(on_divide_error, 1);
}

/* Flags in: CF = cin, the rest clear (bit 1 is always one). */
#define FLAGS_IN(o) ((uint64_t)(2 | ((o)->cin & 1)))

/* dest op= src, dest in x: ADD ADC SUB SBB AND OR XOR CMP, BT BTS BTR BTC, SHLD/SHRD by CL. */
#define BINARY(fname, insn, type, cons)                                                 \
  static void fname(op_t *o) {                                                          \
    type x = (type)o->a;                                                                \
    type y = (type)o->b;                                                                \
    uint64_t f = FLAGS_IN(o);                                                           \
    __asm__ volatile("push %[f]\n\tpopfq\n\t" insn " %[y], %[x]\n\tpushfq\n\tpop %[f]"  \
                     : [x] "+" cons(x), [f] "+r"(f)                                     \
                     : [y] cons(y)                                                      \
                     : "cc");                                                           \
    o->r1 = x;                                                                          \
    o->flags = f;                                                                       \
  }

#define UNARY(fname, insn, type, cons)                                                  \
  static void fname(op_t *o) {                                                          \
    type x = (type)o->a;                                                                \
    uint64_t f = FLAGS_IN(o);                                                           \
    __asm__ volatile("push %[f]\n\tpopfq\n\t" insn " %[x]\n\tpushfq\n\tpop %[f]"        \
                     : [x] "+" cons(x), [f] "+r"(f)                                     \
                     :                                                                  \
                     : "cc");                                                           \
    o->r1 = x;                                                                          \
    o->flags = f;                                                                       \
  }

#define SHIFT(fname, insn, type, cons)                                                  \
  static void fname(op_t *o) {                                                          \
    type x = (type)o->a;                                                                \
    uint8_t n = (uint8_t)o->count;                                                      \
    uint64_t f = FLAGS_IN(o);                                                           \
    __asm__ volatile("push %[f]\n\tpopfq\n\t" insn " %%cl, %[x]\n\tpushfq\n\tpop %[f]"  \
                     : [x] "+" cons(x), [f] "+r"(f)                                     \
                     : "c"(n)                                                           \
                     : "cc");                                                           \
    o->r1 = x;                                                                          \
    o->flags = f;                                                                       \
  }

#define DSHIFT(fname, insn, type)                                                       \
  static void fname(op_t *o) {                                                          \
    type x = (type)o->a;                                                                \
    type y = (type)o->b;                                                                \
    uint8_t n = (uint8_t)o->count;                                                      \
    uint64_t f = FLAGS_IN(o);                                                           \
    __asm__ volatile("push %[f]\n\tpopfq\n\t" insn                                      \
                     " %%cl, %[y], %[x]\n\tpushfq\n\tpop %[f]"                          \
                     : [x] "+r"(x), [f] "+r"(f)                                         \
                     : [y] "r"(y), "c"(n)                                               \
                     : "cc");                                                           \
    o->r1 = x;                                                                          \
    o->flags = f;                                                                       \
  }

/* BSF/BSR: x starts as a (the destination is kept on a zero source), source b. */
#define SCAN(fname, insn, type)                                                         \
  static void fname(op_t *o) {                                                          \
    type x = (type)o->a;                                                                \
    type y = (type)o->b;                                                                \
    uint64_t f = FLAGS_IN(o);                                                           \
    __asm__ volatile("push %[f]\n\tpopfq\n\t" insn " %[y], %[x]\n\tpushfq\n\tpop %[f]"  \
                     : [x] "+r"(x), [f] "+r"(f)                                         \
                     : [y] "r"(y)                                                       \
                     : "cc");                                                           \
    o->r1 = x;                                                                          \
    o->flags = f;                                                                       \
  }

/* One-operand MUL/IMUL: accumulator a times b, r1 the low half, r2 the high half. */
static void mul8(op_t *o, int sign) {
  uint32_t ax = o->a & 0xFF;
  uint8_t y = (uint8_t)o->b;
  uint64_t f = FLAGS_IN(o);
  if (sign) {
    __asm__ volatile("push %[f]\n\tpopfq\n\timulb %[y]\n\tpushfq\n\tpop %[f]"
                     : "+a"(ax), [f] "+r"(f) : [y] "q"(y) : "cc");
  } else {
    __asm__ volatile("push %[f]\n\tpopfq\n\tmulb %[y]\n\tpushfq\n\tpop %[f]"
                     : "+a"(ax), [f] "+r"(f) : [y] "q"(y) : "cc");
  }
  o->r1 = ax & 0xFF;
  o->r2 = (ax >> 8) & 0xFF;
  o->flags = f;
}

#define MULW(fname, insn, type)                                                         \
  static void fname(op_t *o) {                                                          \
    type lo = (type)o->a;                                                               \
    type hi = 0;                                                                        \
    type y = (type)o->b;                                                                \
    uint64_t f = FLAGS_IN(o);                                                           \
    __asm__ volatile("push %[f]\n\tpopfq\n\t" insn " %[y]\n\tpushfq\n\tpop %[f]"        \
                     : "+a"(lo), "+d"(hi), [f] "+r"(f)                                  \
                     : [y] "r"(y)                                                       \
                     : "cc");                                                           \
    o->r1 = lo;                                                                         \
    o->r2 = hi;                                                                         \
    o->flags = f;                                                                       \
  }

/* DIV/IDIV: dividend a:c (a the high half), divisor b; r1 quotient, r2 remainder. */
static void div8(op_t *o, int sign) {
  uint32_t ax = ((o->a & 0xFF) << 8) | (o->c & 0xFF);
  uint8_t y = (uint8_t)o->b;
  uint64_t f = FLAGS_IN(o);
  if (sign) {
    __asm__ volatile("push %[f]\n\tpopfq\n\tidivb %[y]\n\tpushfq\n\tpop %[f]"
                     : "+a"(ax), [f] "+r"(f) : [y] "q"(y) : "cc");
  } else {
    __asm__ volatile("push %[f]\n\tpopfq\n\tdivb %[y]\n\tpushfq\n\tpop %[f]"
                     : "+a"(ax), [f] "+r"(f) : [y] "q"(y) : "cc");
  }
  o->r1 = ax & 0xFF;
  o->r2 = (ax >> 8) & 0xFF;
  o->flags = f;
}

#define DIVW(fname, insn, type)                                                         \
  static void fname(op_t *o) {                                                          \
    type lo = (type)o->c;                                                               \
    type hi = (type)o->a;                                                               \
    type y = (type)o->b;                                                                \
    uint64_t f = FLAGS_IN(o);                                                           \
    __asm__ volatile("push %[f]\n\tpopfq\n\t" insn " %[y]\n\tpushfq\n\tpop %[f]"        \
                     : "+a"(lo), "+d"(hi), [f] "+r"(f)                                  \
                     : [y] "r"(y)                                                       \
                     : "cc");                                                           \
    o->r1 = lo;                                                                         \
    o->r2 = hi;                                                                         \
    o->flags = f;                                                                       \
  }

/* XADD: dest a, source b; r1 the sum in dest, r2 the old dest in the source. */
#define XADD(fname, insn, type, cons)                                                   \
  static void fname(op_t *o) {                                                          \
    type x = (type)o->a;                                                                \
    type y = (type)o->b;                                                                \
    uint64_t f = FLAGS_IN(o);                                                           \
    __asm__ volatile("push %[f]\n\tpopfq\n\t" insn " %[y], %[x]\n\tpushfq\n\tpop %[f]"  \
                     : [x] "+" cons(x), [y] "+" cons(y), [f] "+r"(f)                    \
                     :                                                                  \
                     : "cc");                                                           \
    o->r1 = x;                                                                          \
    o->r2 = y;                                                                          \
    o->flags = f;                                                                       \
  }

/* CMPXCHG: accumulator a, dest b, source c; r1 the accumulator, r2 the dest. */
#define CMPXCHG(fname, insn, type, cons)                                                \
  static void fname(op_t *o) {                                                          \
    type acc = (type)o->a;                                                              \
    type x = (type)o->b;                                                                \
    type y = (type)o->c;                                                                \
    uint64_t f = FLAGS_IN(o);                                                           \
    __asm__ volatile("push %[f]\n\tpopfq\n\t" insn " %[y], %[x]\n\tpushfq\n\tpop %[f]"  \
                     : "+a"(acc), [x] "+" cons(x), [f] "+r"(f)                          \
                     : [y] cons(y)                                                      \
                     : "cc");                                                           \
    o->r1 = acc;                                                                        \
    o->r2 = x;                                                                          \
    o->flags = f;                                                                       \
  }

#define ALU3(op)                                      \
  BINARY(op##8, #op "b", uint8_t, "q")                \
  BINARY(op##16, #op "w", uint16_t, "r")              \
  BINARY(op##32, #op "l", uint32_t, "r")
ALU3(add)
ALU3(or)
ALU3(adc)
ALU3(sbb)
ALU3(and)
ALU3(sub)
ALU3(xor)
ALU3(cmp)

#define UN3(op)                                       \
  UNARY(op##8, #op "b", uint8_t, "q")                 \
  UNARY(op##16, #op "w", uint16_t, "r")               \
  UNARY(op##32, #op "l", uint32_t, "r")
UN3(inc)
UN3(dec)
UN3(neg)
UN3(not)

#define SH3(op)                                       \
  SHIFT(op##8, #op "b", uint8_t, "q")                 \
  SHIFT(op##16, #op "w", uint16_t, "r")               \
  SHIFT(op##32, #op "l", uint32_t, "r")
SH3(rol)
SH3(ror)
SH3(rcl)
SH3(rcr)
SH3(shl)
SH3(shr)
SH3(sar)

DSHIFT(shld16, "shldw", uint16_t)
DSHIFT(shld32, "shldl", uint32_t)
DSHIFT(shrd16, "shrdw", uint16_t)
DSHIFT(shrd32, "shrdl", uint32_t)

#define BT2(op)                                       \
  BINARY(op##16, #op "w", uint16_t, "r")              \
  BINARY(op##32, #op "l", uint32_t, "r")
BT2(bt)
BT2(bts)
BT2(btr)
BT2(btc)

SCAN(bsf16, "bsfw", uint16_t)
SCAN(bsf32, "bsfl", uint32_t)
SCAN(bsr16, "bsrw", uint16_t)
SCAN(bsr32, "bsrl", uint32_t)

static void mul8u(op_t *o) { mul8(o, 0); }
static void imul8u(op_t *o) { mul8(o, 1); }
MULW(mul16, "mulw", uint16_t)
MULW(mul32, "mull", uint32_t)
MULW(imul16, "imulw", uint16_t)
MULW(imul32, "imull", uint32_t)
BINARY(imul2_16, "imulw", uint16_t, "r")
BINARY(imul2_32, "imull", uint32_t, "r")

static void div8u(op_t *o) { div8(o, 0); }
static void idiv8u(op_t *o) { div8(o, 1); }
DIVW(div16, "divw", uint16_t)
DIVW(div32, "divl", uint32_t)
DIVW(idiv16, "idivw", uint16_t)
DIVW(idiv32, "idivl", uint32_t)

static void bswap32(op_t *o) {
  uint32_t x = o->a;
  uint64_t f = FLAGS_IN(o);
  __asm__ volatile("push %[f]\n\tpopfq\n\tbswapl %[x]\n\tpushfq\n\tpop %[f]"
                   : [x] "+r"(x), [f] "+r"(f) : : "cc");
  o->r1 = x;
  o->flags = f;
}

XADD(xadd8, "xaddb", uint8_t, "q")
XADD(xadd16, "xaddw", uint16_t, "r")
XADD(xadd32, "xaddl", uint32_t, "r")
CMPXCHG(cmpxchg8, "cmpxchgb", uint8_t, "q")
CMPXCHG(cmpxchg16, "cmpxchgw", uint16_t, "r")
CMPXCHG(cmpxchg32, "cmpxchgl", uint32_t, "r")

typedef struct {
  const char *name;
  int size;
  int results;
  form_fn fn;
  int kind; /* 0 plain, 1 divide, 2 cmpxchg */
} form_t;

#define F3(op, n)                                                             \
  {#op "8", 1, n, op##8, 0}, {#op "16", 2, n, op##16, 0}, {#op "32", 4, n, op##32, 0}

static const form_t FORMS[] = {
    F3(add, 1), F3(or, 1), F3(adc, 1), F3(sbb, 1), F3(and, 1), F3(sub, 1), F3(xor, 1),
    F3(cmp, 0),
    F3(inc, 1), F3(dec, 1), F3(neg, 1), F3(not, 1),
    F3(rol, 1), F3(ror, 1), F3(rcl, 1), F3(rcr, 1), F3(shl, 1), F3(shr, 1), F3(sar, 1),
    {"shld16", 2, 1, shld16, 0}, {"shld32", 4, 1, shld32, 0},
    {"shrd16", 2, 1, shrd16, 0}, {"shrd32", 4, 1, shrd32, 0},
    {"bt16", 2, 0, bt16, 0}, {"bt32", 4, 0, bt32, 0},
    {"bts16", 2, 1, bts16, 0}, {"bts32", 4, 1, bts32, 0},
    {"btr16", 2, 1, btr16, 0}, {"btr32", 4, 1, btr32, 0},
    {"btc16", 2, 1, btc16, 0}, {"btc32", 4, 1, btc32, 0},
    {"bsf16", 2, 1, bsf16, 0}, {"bsf32", 4, 1, bsf32, 0},
    {"bsr16", 2, 1, bsr16, 0}, {"bsr32", 4, 1, bsr32, 0},
    {"mul8", 1, 2, mul8u, 0}, {"mul16", 2, 2, mul16, 0}, {"mul32", 4, 2, mul32, 0},
    {"imul8", 1, 2, imul8u, 0}, {"imul16", 2, 2, imul16, 0}, {"imul32", 4, 2, imul32, 0},
    {"imul2_16", 2, 1, imul2_16, 0}, {"imul2_32", 4, 1, imul2_32, 0},
    {"div8", 1, 2, div8u, 1}, {"div16", 2, 2, div16, 1}, {"div32", 4, 2, div32, 1},
    {"idiv8", 1, 2, idiv8u, 1}, {"idiv16", 2, 2, idiv16, 1}, {"idiv32", 4, 2, idiv32, 1},
    {"bswap32", 4, 1, bswap32, 0},
    {"xadd8", 1, 2, xadd8, 0}, {"xadd16", 2, 2, xadd16, 0}, {"xadd32", 4, 2, xadd32, 0},
    {"cmpxchg8", 1, 2, cmpxchg8, 2}, {"cmpxchg16", 2, 2, cmpxchg16, 2},
    {"cmpxchg32", 4, 2, cmpxchg32, 2},
};

static void put(uint32_t v, int size) {
  for (int i = 0; i < size; i++) {
    putchar((v >> (8 * i)) & 0xFF);
  }
}

static int pack(uint64_t f) {
  return (int)((f & 1) | ((f >> 1) & 2) | ((f >> 2) & 4) | ((f >> 3) & 8) | ((f >> 3) & 16)
               | ((f >> 6) & 32));
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = sigfpe;
  sa.sa_flags = SA_NODEFER;
  sigaction(SIGFPE, &sa, NULL);
  for (size_t k = 0; k < sizeof FORMS / sizeof FORMS[0]; k++) {
    const form_t *form = &FORMS[k];
    state = SEED ^ fnv1a(form->name);
    fputs(form->name, stdout);
    putchar(0);
    putchar(form->size);
    putchar(form->results);
    put(OPERAND_SETS, 4);
    uint32_t m = mask_of(form->size);
    for (int i = 0; i < OPERAND_SETS; i++) {
      op_t o;
      memset(&o, 0, sizeof o);
      o.a = operand(form->size);
      o.b = operand(form->size);
      o.c = operand(form->size);
      o.cin = (uint32_t)(next() & 1);
      o.count = (uint32_t)(next() & 0xFF);
      uint64_t u = next();
      if (form->kind == 1 && (u & 1) && o.b != 0) {
        o.a = (o.a % o.b) & m;
      } else if (form->kind == 2 && (u & 1)) {
        o.b = o.a;
      }
      int flags;
      if (sigsetjmp(on_divide_error, 1) == 0) {
        form->fn(&o);
        flags = pack(o.flags);
      } else {
        o.r1 = 0;
        o.r2 = 0;
        flags = 0x80;
      }
      if (form->results > 0) {
        put(o.r1 & m, form->size);
      }
      if (form->results > 1) {
        put(o.r2 & m, form->size);
      }
      putchar(flags);
    }
  }
  return 0;
}
