/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-sort.h: stable radix sort of row indices by a key, for sorting tables of millions of rows. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  hs_sort_indices_by_key  (const double *keys,
                               guint32      *indices,
                               gsize         n,
                               gboolean      descending);

G_END_DECLS
