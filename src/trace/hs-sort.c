/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-sort.c: LSD radix sort of (key, index) pairs; stable, O(n), NaN last. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-sort.h"

/*
 * Sorting 10^7 table rows by any column must take well under 2 s on a slow machine. A
 * comparison sort of that many doubles through an index takes several seconds; a radix sort
 * of the keys' bit patterns takes a few hundred milliseconds, and it is stable, so rows with
 * equal values keep the order of the trace.
 */

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)
#define N_PASSES   6   /* 6 × 11 ≥ 64 bits */

typedef struct
{
  guint64 key;
  guint32 index;
} Pair;

/* Maps a double to an unsigned integer with the same order; NaN sorts after +∞. */
static inline guint64
sortable_bits (double value)
{
  guint64 bits;

  if (isnan (value))
    return G_MAXUINT64;

  memcpy (&bits, &value, sizeof bits);
  /* negative numbers: flip all bits; positive: flip the sign bit */
  return (bits & G_GUINT64_CONSTANT (0x8000000000000000)) ? ~bits : bits | G_GUINT64_CONSTANT (0x8000000000000000);
}

void
hs_sort_indices_by_key (const double *keys,
                        guint32      *indices,
                        gsize         n,
                        gboolean      descending)
{
  g_autofree Pair *a = NULL;
  g_autofree Pair *b = NULL;
  g_autofree gsize *counts = NULL;
  Pair *src, *dst;

  if (n < 2)
    return;

  a = g_new (Pair, n);
  b = g_new (Pair, n);
  counts = g_new0 (gsize, (gsize) N_PASSES * RADIX_SIZE);

  for (gsize i = 0; i < n; i++)
    {
      guint64 key = sortable_bits (keys[indices[i]]);

      /* descending keeps NaN last and ties in trace order: invert all but NaN */
      if (descending && key != G_MAXUINT64)
        key = G_MAXUINT64 - 1 - key;
      a[i].key = key;
      a[i].index = indices[i];
      for (guint pass = 0; pass < N_PASSES; pass++)
        counts[pass * RADIX_SIZE + ((key >> (pass * RADIX_BITS)) & (RADIX_SIZE - 1))]++;
    }

  src = a;
  dst = b;
  for (guint pass = 0; pass < N_PASSES; pass++)
    {
      gsize *count = counts + pass * RADIX_SIZE;
      guint shift = pass * RADIX_BITS;
      gsize total = 0;
      gboolean trivial = FALSE;

      /* a digit that every key shares moves nothing: skip the pass */
      for (guint d = 0; d < RADIX_SIZE; d++)
        if (count[d] == n)
          trivial = TRUE;
      if (trivial)
        continue;

      for (guint d = 0; d < RADIX_SIZE; d++)
        {
          gsize c = count[d];

          count[d] = total;
          total += c;
        }

      for (gsize i = 0; i < n; i++)
        dst[count[(src[i].key >> shift) & (RADIX_SIZE - 1)]++] = src[i];

      {
        Pair *t = src;

        src = dst;
        dst = t;
      }
    }

  for (gsize i = 0; i < n; i++)
    indices[i] = src[i].index;
}
