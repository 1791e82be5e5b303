// A program whose only purpose is to carry the icon groups of icon_app.rc.
int main(void) { return 0; }
