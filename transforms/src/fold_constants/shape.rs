//! The shape folders: iota, broadcast_in_dim, reshape, transpose, slice,
//! concatenate, pad, rev, dynamic_slice and bitcast_convert_type. They move
//! bits, so they are exact for every supported element type.

use jaxr_dialect::TensorType;

use super::elements::{bits_of_float, bits_of_int, Elements};

/// Row-major strides of `shape`.
fn strides(shape: &[i64]) -> Vec<usize> {
    let mut s = vec![1usize; shape.len()];
    for d in (0..shape.len().saturating_sub(1)).rev() {
        s[d] = s[d + 1] * shape[d + 1] as usize;
    }
    s
}

/// The elements of `out`, each computed by `f` from its multi-index.
fn build(out: &TensorType, mut f: impl FnMut(&[i64]) -> Option<u64>) -> Option<Elements> {
    let n = usize::try_from(out.num_elements()).ok()?;
    let mut index = vec![0i64; out.rank()];
    let mut bits = Vec::with_capacity(n);
    for _ in 0..n {
        bits.push(f(&index)?);
        for d in (0..index.len()).rev() {
            index[d] += 1;
            if index[d] < out.shape[d] {
                break;
            }
            index[d] = 0;
        }
    }
    Some(Elements { ty: out.clone(), bits })
}

/// The element of `x` at a multi-index.
fn get(x: &Elements, strides: &[usize], index: &[i64]) -> u64 {
    x.bits[index.iter().zip(strides).map(|(i, s)| *i as usize * s).sum::<usize>()]
}

/// lax.iota along `dimension` (integers wrap; floats are exact up to their
/// precision and rounded once beyond it).
pub fn iota(dimension: i64, out: &TensorType) -> Option<Elements> {
    let elem = out.elem;
    let d = usize::try_from(dimension).ok().filter(|d| *d < out.rank())?;
    if elem.is_bool() {
        return None;
    }
    build(out, |i| {
        if elem.is_float() {
            bits_of_float(elem, i[d] as f64)
        } else {
            Some(bits_of_int(elem, i128::from(i[d])))
        }
    })
}

/// broadcast_in_dim: operand dimension k is result dimension `dims[k]`.
pub fn broadcast(x: &Elements, dims: &[i64], out: &TensorType) -> Option<Elements> {
    let s = strides(&x.ty.shape);
    let mut src = vec![0i64; x.ty.rank()];
    build(out, |i| {
        for (k, d) in dims.iter().enumerate() {
            src[k] = if x.ty.shape[k] == 1 { 0 } else { i[*d as usize] };
        }
        Some(get(x, &s, &src))
    })
}

/// reshape (and bitcast_convert_type between types of one width): the
/// same bits under another type.
pub fn retype(x: &Elements, out: &TensorType) -> Option<Elements> {
    (x.ty.elem.bit_width() == out.elem.bit_width() && x.ty.elem.is_bool() == out.elem.is_bool())
        .then(|| Elements { ty: out.clone(), bits: x.bits.clone() })
}

/// transpose: result dimension k is operand dimension `permutation[k]`.
pub fn transpose(x: &Elements, permutation: &[i64], out: &TensorType) -> Option<Elements> {
    let s = strides(&x.ty.shape);
    let mut src = vec![0i64; x.ty.rank()];
    build(out, |i| {
        for (k, p) in permutation.iter().enumerate() {
            src[*p as usize] = i[k];
        }
        Some(get(x, &s, &src))
    })
}

/// rev along `dimensions`.
pub fn rev(x: &Elements, dimensions: &[i64], out: &TensorType) -> Option<Elements> {
    let s = strides(&x.ty.shape);
    let mut src = vec![0i64; x.ty.rank()];
    build(out, |i| {
        for (d, v) in src.iter_mut().enumerate() {
            *v = if dimensions.contains(&(d as i64)) { x.ty.shape[d] - 1 - i[d] } else { i[d] };
        }
        Some(get(x, &s, &src))
    })
}

/// slice with `start` and `strides` (the limits give the result's shape).
pub fn slice(x: &Elements, start: &[i64], step: &[i64], out: &TensorType) -> Option<Elements> {
    let s = strides(&x.ty.shape);
    let mut src = vec![0i64; x.ty.rank()];
    build(out, |i| {
        for (d, v) in src.iter_mut().enumerate() {
            *v = start[d] + i[d] * step.get(d).copied().unwrap_or(1);
        }
        Some(get(x, &s, &src))
    })
}

/// dynamic_slice with constant start indices, clamped as StableHLO clamps
/// them: into [0, dim - size].
pub fn dynamic_slice(x: &Elements, starts: &[Elements], out: &TensorType) -> Option<Elements> {
    if starts.len() != x.ty.rank() || starts.iter().any(|s| s.bits.len() != 1) {
        return None;
    }
    let start: Vec<i64> = starts
        .iter()
        .enumerate()
        .map(|(d, s)| s.int(0).clamp(0, i128::from(x.ty.shape[d] - out.shape[d])) as i64)
        .collect();
    slice(x, &start, &vec![1; start.len()], out)
}

/// concatenate along `dimension`.
pub fn concatenate(xs: &[Elements], dimension: i64, out: &TensorType) -> Option<Elements> {
    let d = usize::try_from(dimension).ok()?;
    let all_strides: Vec<Vec<usize>> = xs.iter().map(|x| strides(&x.ty.shape)).collect();
    let mut src = vec![0i64; out.rank()];
    build(out, |i| {
        src.copy_from_slice(i);
        for (x, s) in xs.iter().zip(&all_strides) {
            if src[d] < x.ty.shape[d] {
                return Some(get(x, s, &src));
            }
            src[d] -= x.ty.shape[d];
        }
        None
    })
}

/// pad with edge padding `low` (negative: cropped) and `interior` padding.
pub fn pad(
    x: &Elements,
    value: &Elements,
    low: &[i64],
    interior: &[i64],
    out: &TensorType,
) -> Option<Elements> {
    let s = strides(&x.ty.shape);
    let fill = *value.bits.first()?;
    let mut src = vec![0i64; x.ty.rank()];
    build(out, |i| {
        for d in 0..src.len() {
            let p = i[d] - low[d];
            let step = interior[d] + 1;
            if p < 0 || p % step != 0 || p / step >= x.ty.shape[d] {
                return Some(fill);
            }
            src[d] = p / step;
        }
        Some(get(x, &s, &src))
    })
}

#[cfg(test)]
mod tests {
    use jaxr_dialect::ElemType;

    use super::*;

    fn ints(shape: &[i64], values: &[u64]) -> Elements {
        Elements { ty: TensorType::new(shape.to_vec(), ElemType::I32), bits: values.to_vec() }
    }

    #[test]
    fn moves_elements() {
        let x = ints(&[2, 3], &[0, 1, 2, 3, 4, 5]);
        let t = transpose(&x, &[1, 0], &TensorType::new(vec![3, 2], ElemType::I32)).unwrap();
        assert_eq!(t.bits, vec![0, 3, 1, 4, 2, 5]);
        let r = rev(&x, &[1], &x.ty).unwrap();
        assert_eq!(r.bits, vec![2, 1, 0, 5, 4, 3]);
        let s = slice(&x, &[0, 1], &[1, 2], &TensorType::new(vec![2, 1], ElemType::I32)).unwrap();
        assert_eq!(s.bits, vec![1, 4]);
        let c = concatenate(&[x.clone(), x.clone()], 0, &TensorType::new(vec![4, 3], ElemType::I32)).unwrap();
        assert_eq!(&c.bits[6..], &[0, 1, 2, 3, 4, 5]);
        let v = ints(&[3], &[7, 8, 9]);
        let p = pad(&v, &ints(&[], &[0]), &[-1], &[1], &TensorType::new(vec![5], ElemType::I32)).unwrap();
        assert_eq!(p.bits, vec![0, 8, 0, 9, 0]);
        let b = broadcast(&v, &[1], &TensorType::new(vec![2, 3], ElemType::I32)).unwrap();
        assert_eq!(b.bits, vec![7, 8, 9, 7, 8, 9]);
        let d = dynamic_slice(&v, &[ints(&[], &[5])], &TensorType::new(vec![2], ElemType::I32)).unwrap();
        assert_eq!(d.bits, vec![8, 9]);
    }
}
