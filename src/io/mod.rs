//! Input/output: the only layer that touches the file system, sled and the network.
