// Start-up workload: 64 processes that do nothing, started and stopped.
stage idle[64]() {
}
