func.func private @reduce_window_max(%x: tensor<5xf32>)
