#include <stdio.h>

int main(argc, argv)
int argc;
char **argv;
{
    FILE *in;
    FILE *out;
    int c;
    long chars = 0;
    int lines = 0;
    in = fopen("INPUT.TXT", "r");
    if (in == 0) {
        printf("cannot open INPUT.TXT\n");
        return 2;
    }
    out = fopen("UPPER.TXT", "w");
    while ((c = getc(in)) != EOF) {
        chars++;
        if (c == '\n') lines++;
        if (c >= 'a' && c <= 'z') c = c - 'a' + 'A';
        putc(c, out);
    }
    fclose(in);
    fclose(out);
    printf("%d lines, %ld characters\n", lines, chars);
    return 0;
}
