// Python: parent_conn, child_conn = Pipe(); the child sends, the parent receives.
// A pipe joins exactly one writing process to one reading process.
pipe conn: std::vector<std::string>

stage child() -> conn {
    conn.push({"42", "None", "hello"});
    conn.push({"goodbye"});
}

stage parent(conn) {
    while (auto message = conn.pop()) fmt::print("received {}\n", *message);
}
