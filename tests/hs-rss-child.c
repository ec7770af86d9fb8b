/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-rss-child.c: a process whose resident memory the tests drive over stdin ("alloc N", "free", "exit"). */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int
main (void)
{
  char line[64];
  char *block = NULL;
  size_t size = 0;

  setvbuf (stdout, NULL, _IONBF, 0);
  printf ("ready\n");

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      unsigned long mib;

      if (sscanf (line, "alloc %lu", &mib) == 1 && block == NULL)
        {
          /* mmap and munmap, not malloc, so the pages really come and go */
          size = mib << 20;
          block = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
          if (block == MAP_FAILED)
            return 1;
          /* touch every page: untouched pages are not resident */
          memset (block, 0x5a, size);
          printf ("allocated\n");
        }
      else if (strcmp (line, "free\n") == 0 && block != NULL)
        {
          munmap (block, size);
          block = NULL;
          printf ("freed\n");
        }
      else if (strcmp (line, "exit\n") == 0)
        {
          return 0;
        }
      else
        {
          printf ("?\n");
        }
    }

  return 0;
}
