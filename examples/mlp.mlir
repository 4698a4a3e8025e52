// A two-layer perceptron forward pass in the jaxr dialect:
//   h = tanh(x @ w1 + b1);  y = logistic(h @ w2 + b2)
// x: a batch of 4 inputs with 3 features; hidden width 5; 2 outputs.
func.func @main(%x: tensor<4x3xf32>, %w1: tensor<3x5xf32>, %b1: tensor<5xf32>,
                %w2: tensor<5x2xf32>, %b2: tensor<2xf32>) -> tensor<4x2xf32> {
  %xw = jaxr.dot_general %x, %w1, contracting = [1] x [0], batch = [] x []
      : (tensor<4x3xf32>, tensor<3x5xf32>) -> tensor<4x5xf32>
  %b1b = jaxr.broadcast_in_dim %b1, dims = [1] : tensor<5xf32> -> tensor<4x5xf32>
  %z1 = jaxr.add %xw, %b1b : tensor<4x5xf32>
  %h = jaxr.tanh %z1 : tensor<4x5xf32>
  %hw = jaxr.dot_general %h, %w2, contracting = [1] x [0], batch = [] x []
      : (tensor<4x5xf32>, tensor<5x2xf32>) -> tensor<4x2xf32>
  %b2b = jaxr.broadcast_in_dim %b2, dims = [1] : tensor<2xf32> -> tensor<4x2xf32>
  %z2 = jaxr.add %hw, %b2b : tensor<4x2xf32>
  %y = jaxr.logistic %z2 : tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}
