/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-pyramid.c: min/max pyramid of one series, so drawing costs pixels, not cycles. */

#include "config.h"

#include <math.h>

#include "hs-chart-pyramid.h"

#define FANOUT HS_CHART_PYRAMID_FANOUT

/*
 * Level 0 is not stored: the raw values stay in the trace's compact columns and are read
 * back through @fetch. Level k holds min and max per FANOUT^(k+1) values, stored as floats
 * (exact for every whole MiB below 16 TiB, and far finer than a pixel otherwise), which
 * costs about 0.5 byte per value and series. The last bucket of each level may be partial
 * and is merged into as values arrive, so a live trace never rebuilds anything.
 */

HsChartPyramid *
hs_chart_pyramid_new (HsChartFetchFunc fetch,
                      gpointer         fetch_data)
{
  HsChartPyramid *self = g_new0 (HsChartPyramid, 1);

  self->fetch = fetch;
  self->fetch_data = fetch_data;

  return self;
}

void
hs_chart_pyramid_free (HsChartPyramid *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_levels; i++)
    g_array_unref (self->levels[i]);
  g_free (self);
}

static inline void
bucket_merge (HsChartBucket *bucket,
              float          min,
              float          max)
{
  /* NaN (a value the line did not carry) never wins a comparison, so it is skipped */
  if (min < bucket->min)
    bucket->min = min;
  if (max > bucket->max)
    bucket->max = max;
}

static const HsChartBucket empty_bucket = { INFINITY, -INFINITY };

static GArray *
ensure_level (HsChartPyramid *self,
              guint           level)
{
  while (self->n_levels <= level)
    self->levels[self->n_levels++] = g_array_new (FALSE, FALSE, sizeof (HsChartBucket));

  return self->levels[level];
}

/* Takes in the values from the current count up to @n_values. */
void
hs_chart_pyramid_extend (HsChartPyramid *self,
                         guint           n_values)
{
  double chunk[1024];
  guint first_changed;
  GArray *level0;

  g_return_if_fail (self != NULL);

  if (n_values <= self->n_values)
    return;

  level0 = ensure_level (self, 0);
  first_changed = self->n_values / FANOUT;

  for (guint i = self->n_values; i < n_values; )
    {
      guint n = MIN (G_N_ELEMENTS (chunk), n_values - i);

      self->fetch (self->fetch_data, i, n, chunk);
      for (guint j = 0; j < n; j++)
        {
          guint b = (i + j) / FANOUT;
          float v = (float) chunk[j];

          if (b >= level0->len)
            g_array_append_val (level0, empty_bucket);
          bucket_merge (&g_array_index (level0, HsChartBucket, b), v, v);
        }
      i += n;
    }
  self->n_values = n_values;

  /* rebuild the parents of the buckets that changed, level by level */
  for (guint k = 1; k < HS_CHART_PYRAMID_MAX_LEVELS; k++)
    {
      GArray *children = self->levels[k - 1];
      GArray *parents;
      guint first_parent = first_changed / FANOUT;
      guint n_parents = (children->len + FANOUT - 1) / FANOUT;

      if (children->len <= 1)
        break;

      parents = ensure_level (self, k);
      g_array_set_size (parents, n_parents);
      for (guint p = first_parent; p < n_parents; p++)
        {
          HsChartBucket *parent = &g_array_index (parents, HsChartBucket, p);
          guint last = MIN ((p + 1) * FANOUT, children->len);

          *parent = empty_bucket;
          for (guint c = p * FANOUT; c < last; c++)
            {
              const HsChartBucket *child = &g_array_index (children, HsChartBucket, c);

              bucket_merge (parent, child->min, child->max);
            }
        }
      first_changed = first_parent;
    }
}

/*
 * Min and max of the values in [@first, @end): whole aligned buckets from the coarsest
 * level that fits, raw values only for the partial blocks at both ends. Returns FALSE
 * when the range holds no value (empty, or every value NaN).
 */
gboolean
hs_chart_pyramid_query (const HsChartPyramid *self,
                        guint                 first,
                        guint                 end,
                        double               *min,
                        double               *max)
{
  HsChartBucket acc = empty_bucket;
  double raw[FANOUT];
  guint i = first;

  end = MIN (end, self->n_values);

  while (i < end)
    {
      guint64 size = 1;
      int level = -1;

      while (level + 1 < (int) self->n_levels &&
             i % (size * FANOUT) == 0 &&
             i + size * FANOUT <= end)
        {
          size *= FANOUT;
          level++;
        }

      if (level < 0)
        {
          guint stop = MIN (end, (i / FANOUT + 1) * FANOUT);

          self->fetch (self->fetch_data, i, stop - i, raw);
          for (guint j = 0; j < stop - i; j++)
            bucket_merge (&acc, (float) raw[j], (float) raw[j]);
          i = stop;
        }
      else
        {
          const HsChartBucket *b = &g_array_index (self->levels[level], HsChartBucket, i / size);

          bucket_merge (&acc, b->min, b->max);
          i += size;
        }
    }

  if (acc.min > acc.max)
    return FALSE;

  *min = acc.min;
  *max = acc.max;
  return TRUE;
}

gsize
hs_chart_pyramid_get_memory (const HsChartPyramid *self)
{
  gsize bytes = sizeof *self;

  for (guint i = 0; i < self->n_levels; i++)
    bytes += self->levels[i]->len * sizeof (HsChartBucket);

  return bytes;
}
