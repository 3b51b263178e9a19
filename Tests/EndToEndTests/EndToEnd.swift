import Testing

/// Every test that runs the real `nntui` binary (in a shell or in tmux). One
/// serialized suite: these tests share the machine's two cores and time real
/// training, so they run one at a time (unit tests may still run beside them).
@Suite(.serialized) enum EndToEnd {}
