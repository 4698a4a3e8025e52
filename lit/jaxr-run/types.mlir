// jaxr-run moves every element type StableHLO has: complex numbers (written
// Python style), the 8/6/4-bit floats and the 2/4-bit integers.
//
// RUN: jaxr-run %s --function=mix --input='3xcomplex<f32>=1+2j -3.5j 4' --input='3xf8E4M3FN=0.5 448 -0.001' \
// RUN:   --input='4xi4=-8 7 1 -1' | FileCheck %s --check-prefix=MIX
// MIX: result[0]: tensor<3xcomplex<f32>> = [2+4j, 0-7j, 8+0j]
// MIX-NEXT: result[1]: tensor<3xf32> = [0.5, 448, -0.001953125]
// MIX-NEXT: result[2]: tensor<4xi4> = [-7, -8, 2, 0]
//
// Complex results of real arguments; parts print as NumPy does (nan, inf).
// RUN: jaxr-run %s --function=make_complex --input='2xf64=1.5 -0' --input='2xf64=-2 inf' \
// RUN:   | FileCheck %s --check-prefix=COMPLEX
// COMPLEX: result[0]: tensor<2xcomplex<f64>> = [1.5-2j, -0+infj]
//
// Every other small type passes through; floats print as the shortest
// decimal that reads back to the same value (f8E5M2's -57344 is -60000,
// f8E8M0FNU's 0.25 is 0.2).
// RUN: jaxr-run %s --function=identities --input='2xf8E5M2=inf -57344' --input='2xf8E4M3FNUZ=240 nan' \
// RUN:   --input='2xf8E5M2FNUZ=1e-5 -3' --input='2xf8E4M3B11FNUZ=30 0.125' --input='2xf8E4M3=-inf 0.1' \
// RUN:   --input='2xf8E3M4=15.5 0.3' --input='2xf8E8M0FNU=0.25 3' --input='2xf6E2M3FN=-7.5 0.125' \
// RUN:   --input='2xf6E3M2FN=28 -0' --input='2xf4E2M1FN=6 -1.5' --input='2xi2=-2 1' --input='2xui2=3 0' \
// RUN:   --input='2xui4=15 7' --input='complex<f64>=0.1-0.2j' | FileCheck %s --check-prefix=IDS
// IDS: result[0]: tensor<2xf8E5M2> = [inf, -60000]
// IDS-NEXT: result[1]: tensor<2xf8E4M3FNUZ> = [240, NaN]
// IDS-NEXT: result[2]: tensor<2xf8E5M2FNUZ> = [0.000008, -3]
// IDS-NEXT: result[3]: tensor<2xf8E4M3B11FNUZ> = [30, 0.125]
// IDS-NEXT: result[4]: tensor<2xf8E4M3> = [-inf, 0.1]
// IDS-NEXT: result[5]: tensor<2xf8E3M4> = [15.5, 0.3]
// IDS-NEXT: result[6]: tensor<2xf8E8M0FNU> = [0.2, 4]
// IDS-NEXT: result[7]: tensor<2xf6E2M3FN> = [-7.5, 0.1]
// IDS-NEXT: result[8]: tensor<2xf6E3M2FN> = [28, -0]
// IDS-NEXT: result[9]: tensor<2xf4E2M1FN> = [6, -1.5]
// IDS-NEXT: result[10]: tensor<2xi2> = [-2, 1]
// IDS-NEXT: result[11]: tensor<2xui2> = [3, 0]
// IDS-NEXT: result[12]: tensor<2xui4> = [15, 7]
// IDS-NEXT: result[13]: tensor<complex<f64>> = 0.1-0.2j
//
// Results go to .npy files (complex as '<c8', the ml_dtypes types by name,
// which np.load reads once ml_dtypes is imported) and read back.
// RUN: rm -f %t.c.npy %t.f32.npy %t.i4.npy
// RUN: jaxr-run %s --function=mix --input='3xcomplex<f32>=1+2j -3.5j 4' --input='3xf8E4M3FN=0.5 448 -0.001' \
// RUN:   --input='4xi4=-8 7 1 -1' --output=@%t.c.npy --output=@%t.f32.npy --output=@%t.i4.npy | count 0
// RUN: jaxr-run %s --function=copies --input=@%t.c.npy --input=@%t.i4.npy | FileCheck %s --check-prefix=BACK
// BACK: result[0]: tensor<3xcomplex<f32>> = [2+4j, 0-7j, 8+0j]
// BACK-NEXT: result[1]: tensor<4xi4> = [-7, -8, 2, 0]
//
// numpy.save writes '<V1' for most one-byte ml_dtypes arrays (these two are
// np.save of ml_dtypes.float8_e4m3fn [1, -0.5, 448] and ml_dtypes.int4
// [[-8, 7], [1, -1]]): the type is taken from the argument.
// RUN: jaxr-run %s --function=from_numpy --input=@%S/Inputs/f8E4M3FN_3.npy --input=@%S/Inputs/i4_2x2.npy \
// RUN:   | FileCheck %s --check-prefix=NUMPY
// NUMPY: result[0]: tensor<3xf8E4M3FN> = [1, -0.5, 450]
// NUMPY-NEXT: result[1]: tensor<2x2xi4> = {{\[}}[-8, 7], [1, -1]]
//
// A '<V1' file cannot be a wider type, and literals that overflow are errors.
// RUN: not jaxr-run %s --function=make_complex --input=@%S/Inputs/f8E4M3FN_3.npy --input='2xf64=0' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=VOID
// VOID: error: input #0: {{.*}}f8E4M3FN_3.npy: dtype '<V1' (one-byte void) cannot hold f64 elements (8 bytes each)
// RUN: not jaxr-run %s --function=mix --input='3xcomplex<f32>=1' --input='3xf8E4M3FN=500' --input='4xi4=0' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=RANGE
// RANGE: error: input #1: {{.*}}500 is out of range for f8E4M3FN (finite values -448 to 448, no infinities)
// RUN: not jaxr-run %s --function=mix --input='3xcomplex<f32>=1' --input='3xf8E4M3FN=1' --input='4xi4=8' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=I4
// I4: error: input #2: {{.*}}8 is out of range for i4 (-8 to 7)
// RUN: not jaxr-run %s --function=mix --input='3xcomplex<f32>=1+2i' --input='3xf8E4M3FN=1' --input='4xi4=1' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CSYNTAX
// CSYNTAX: error: input #0: {{.*}}"1+2i" is not a complex<f32> number (write e.g. 1+2j, 1-2j, -3.5j or 4, without spaces)
// RUN: not jaxr-run %s --function=mix --input='3xcomplex<f64>=1' --input='3xf8E4M3FN=1' --input='4xi4=1' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CTYPE
// CTYPE: error: input #0 is tensor<3xcomplex<f64>> but argument #0 of @mix is tensor<3xcomplex<f32>>

func.func @mix(%c: tensor<3xcomplex<f32>>, %f: tensor<3xf8E4M3FN>, %i: tensor<4xi4>)
    -> (tensor<3xcomplex<f32>>, tensor<3xf32>, tensor<4xi4>) {
  %0 = stablehlo.add %c, %c : tensor<3xcomplex<f32>>
  %1 = stablehlo.convert %f : (tensor<3xf8E4M3FN>) -> tensor<3xf32>
  %one = stablehlo.constant dense<1> : tensor<4xi4>
  %2 = stablehlo.add %i, %one : tensor<4xi4>
  return %0, %1, %2 : tensor<3xcomplex<f32>>, tensor<3xf32>, tensor<4xi4>
}

func.func private @make_complex(%re: tensor<2xf64>, %im: tensor<2xf64>) -> tensor<2xcomplex<f64>> {
  %0 = stablehlo.complex %re, %im : tensor<2xcomplex<f64>>
  return %0 : tensor<2xcomplex<f64>>
}

func.func @identities(%a: tensor<2xf8E5M2>, %b: tensor<2xf8E4M3FNUZ>, %c: tensor<2xf8E5M2FNUZ>,
                      %d: tensor<2xf8E4M3B11FNUZ>, %e: tensor<2xf8E4M3>, %f: tensor<2xf8E3M4>,
                      %g: tensor<2xf8E8M0FNU>, %h: tensor<2xf6E2M3FN>, %i: tensor<2xf6E3M2FN>,
                      %j: tensor<2xf4E2M1FN>, %k: tensor<2xi2>, %l: tensor<2xui2>, %m: tensor<2xui4>,
                      %n: tensor<complex<f64>>)
    -> (tensor<2xf8E5M2>, tensor<2xf8E4M3FNUZ>, tensor<2xf8E5M2FNUZ>, tensor<2xf8E4M3B11FNUZ>,
        tensor<2xf8E4M3>, tensor<2xf8E3M4>, tensor<2xf8E8M0FNU>, tensor<2xf6E2M3FN>, tensor<2xf6E3M2FN>,
        tensor<2xf4E2M1FN>, tensor<2xi2>, tensor<2xui2>, tensor<2xui4>, tensor<complex<f64>>) {
  return %a, %b, %c, %d, %e, %f, %g, %h, %i, %j, %k, %l, %m, %n
      : tensor<2xf8E5M2>, tensor<2xf8E4M3FNUZ>, tensor<2xf8E5M2FNUZ>, tensor<2xf8E4M3B11FNUZ>,
        tensor<2xf8E4M3>, tensor<2xf8E3M4>, tensor<2xf8E8M0FNU>, tensor<2xf6E2M3FN>, tensor<2xf6E3M2FN>,
        tensor<2xf4E2M1FN>, tensor<2xi2>, tensor<2xui2>, tensor<2xui4>, tensor<complex<f64>>
}

func.func @copies(%c: tensor<3xcomplex<f32>>, %i: tensor<4xi4>) -> (tensor<3xcomplex<f32>>, tensor<4xi4>) {
  return %c, %i : tensor<3xcomplex<f32>>, tensor<4xi4>
}

func.func @from_numpy(%f: tensor<3xf8E4M3FN>, %i: tensor<2x2xi4>) -> (tensor<3xf8E4M3FN>, tensor<2x2xi4>) {
  return %f, %i : tensor<3xf8E4M3FN>, tensor<2x2xi4>
}
