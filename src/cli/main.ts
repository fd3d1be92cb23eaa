// The captoken command-line tool.
export {};
