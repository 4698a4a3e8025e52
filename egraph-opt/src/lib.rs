//! jaxr equality saturation layer (egg)
