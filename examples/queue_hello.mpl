// Python: q = Queue(); Process(target=f, args=(q,)).start(); print(q.get())
queue messages: std::string

stage sender() -> messages {
    emit("Data from the process");
}

stage receiver(messages) {
    for (const std::string &message : messages) fmt::print("{}\n", message);
}
