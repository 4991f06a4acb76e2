// One screen per file; screens call the model layer only.
