#include <zint.h>

/* Whether the module at (row, column) of an encoded symbol is dark: zint packs each row's modules eight to a byte,
   least significant bit first (its own module_is_set). A function here so that Swift need not index the
   200 x 144 array it imports as nested tuples. */
static inline int skyport_zint_module_is_set(const struct zint_symbol *symbol, int row, int column) {
    return (symbol->encoded_data[row][column >> 3] >> (column & 0x07)) & 1;
}
