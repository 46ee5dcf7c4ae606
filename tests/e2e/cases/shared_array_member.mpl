// Changing a member of a shared array's element needs the array's lock: a clear error.
cpp {
struct Point { double x, y; };
}
shared points: Point[3]
stage touch() { points[0]->x = 1.0; }
