# Turns IN into a C file defining `const char SYMBOL[]` (NUL-terminated) and `SYMBOL_len`.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR bytes "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "X\\1," body "${hex}")
string(REGEX REPLACE "(X..,X..,X..,X..,X..,X..,X..,X..,X..,X..,X..,X..,)" "\\1\n" body "${body}")
string(REPLACE "X" "(char)0x" body "${body}")
file(WRITE ${OUT} "/* Generated from ${IN}; do not edit. */\n#include <stddef.h>\nconst char ${SYMBOL}[] = {\n${body}0x00};\nconst size_t ${SYMBOL}_len = ${bytes};\n")
