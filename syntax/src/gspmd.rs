//! XLA's GSPMD sharding strings (`{devices=[4,1,2]<=[8]
//! last_tile_dim_replicate}`, `{replicated}`, `{maximal device=N}`), read
//! into the tile assignment they spell: the runtime cuts arrays by it and
//! jaxr-autodiff reads which devices hold the same block of a shard_map
//! argument. Shardy's attributes are read by `shardy`.

/// The layout a GSPMD sharding string gives an array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Every device holds the whole array.
    Replicated,
    /// One device holds the whole array.
    Maximal(i64),
    /// Blocks over the devices: each dimension `i` cut into `tiles[i]`
    /// blocks; the device at row-major index `(t_0, ..., t_k, r)` of
    /// `devices` (shape `tiles` then `replicas`) holds block `(t_0, ..., t_k)`.
    Tiled {
        /// Blocks per dimension of the array.
        tiles: Vec<i64>,
        /// Devices holding each block (1 without `last_tile_dim_replicate`).
        replicas: i64,
        /// The tile assignment, row-major over `tiles` then the replicas.
        devices: Vec<i64>,
    },
}

impl Layout {
    /// The row-major index of the block `device` holds (0 for a replicated
    /// layout); `None` for a device the layout does not name.
    pub fn block_index(&self, device: i64) -> Option<i64> {
        match self {
            Layout::Replicated => Some(0),
            Layout::Maximal(d) => (*d == device).then_some(0),
            Layout::Tiled { replicas, devices, .. } => {
                devices.iter().position(|&d| d == device).map(|at| at as i64 / replicas)
            }
        }
    }
}

fn bad(text: &str, why: &str) -> String {
    format!("sharding \"{text}\": {why}")
}

fn int_list(text: &str, list: &str) -> Result<Vec<i64>, String> {
    list.split(',')
        .map(|v| v.trim().parse::<i64>().map_err(|_| bad(text, &format!("'{v}' is not an integer"))))
        .collect()
}

/// The number of elements of `dims`, each at least 1, at most 2^31 in all
/// (no device count comes near).
fn checked_count(text: &str, dims: &[i64]) -> Result<i64, String> {
    if dims.is_empty() || dims.iter().any(|d| *d < 1) {
        return Err(bad(text, "every tile dimension must be at least 1"));
    }
    dims.iter()
        .try_fold(1i64, |n, d| n.checked_mul(*d).filter(|n| *n <= 1 << 31))
        .ok_or_else(|| bad(text, "more than 2^31 tiles"))
}

/// `iota(dims)` transposed by `perm`, flattened row-major.
pub fn iota_transposed(dims: &[i64], perm: &[usize]) -> Vec<i64> {
    let n: i64 = dims.iter().product();
    let strides: Vec<i64> = (0..dims.len()).map(|i| dims[i + 1..].iter().product::<i64>()).collect();
    let out_dims: Vec<i64> = perm.iter().map(|&p| dims[p]).collect();
    (0..n)
        .map(|flat| {
            // The output index, then the source element it reads.
            let mut rest = flat;
            let mut source = 0;
            for (k, &p) in perm.iter().enumerate().rev() {
                let coordinate = rest % out_dims[k];
                rest /= out_dims[k];
                source += coordinate * strides[p];
            }
            source
        })
        .collect()
}

/// Reads an XLA sharding string: `{replicated}`, `{maximal device=N}`,
/// `{devices=[d0,...]<ids>}` with the ids listed (`0,2,1,3`) or as an
/// iota (`<=[8]`, `<=[2,4]T(1,0)`), optionally `last_tile_dim_replicate`.
pub fn parse(text: &str) -> Result<Layout, String> {
    let body = text
        .trim()
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .ok_or_else(|| bad(text, "expected {...}"))?
        .trim();
    if body == "replicated" {
        return Ok(Layout::Replicated);
    }
    if let Some(device) = body.strip_prefix("maximal device=") {
        return device.trim().parse().map(Layout::Maximal).map_err(|_| bad(text, "bad device"));
    }
    let Some(tiled) = body.strip_prefix("devices=[") else {
        return Err(bad(text, "only replicated, maximal and tiled (devices=[...]) shardings are supported"));
    };
    let (dims, rest) = tiled.split_once(']').ok_or_else(|| bad(text, "unclosed tile dimensions"))?;
    let mut dims = int_list(text, dims)?;
    let count = checked_count(text, &dims)?;
    let (assignment, flags) = match rest.find(' ') {
        Some(at) => (&rest[..at], rest[at..].trim()),
        None => (rest, ""),
    };
    let replicate_last = match flags {
        "" => false,
        "last_tile_dim_replicate" => true,
        other => return Err(bad(text, &format!("'{other}' is not supported"))),
    };
    let devices = if let Some(iota) = assignment.strip_prefix("<=[") {
        let (shape, transpose) = iota.split_once(']').ok_or_else(|| bad(text, "unclosed iota shape"))?;
        let shape = int_list(text, shape)?;
        let size = checked_count(text, &shape)?;
        if size != count {
            return Err(bad(text, &format!("{size} devices for {count} tiles")));
        }
        let perm: Vec<usize> = match transpose.strip_prefix("T(").and_then(|t| t.strip_suffix(')')) {
            Some(p) => int_list(text, p)?.into_iter().map(|v| v as usize).collect(),
            None if transpose.is_empty() => (0..shape.len()).collect(),
            None => return Err(bad(text, &format!("'{transpose}' after the iota"))),
        };
        let mut sorted = perm.clone();
        sorted.sort_unstable();
        if sorted != (0..shape.len()).collect::<Vec<_>>() {
            return Err(bad(text, "the transpose is not a permutation of the iota's dimensions"));
        }
        iota_transposed(&shape, &perm)
    } else {
        int_list(text, assignment)?
    };
    if devices.len() as i64 != count {
        return Err(bad(text, &format!("{} devices for {count} tiles", devices.len())));
    }
    let mut sorted = devices.clone();
    sorted.sort_unstable();
    if sorted.iter().enumerate().any(|(i, d)| *d != i as i64) {
        return Err(bad(text, &format!("the devices are not each of 0..{count} once")));
    }
    let replicas =
        if replicate_last { dims.pop().ok_or_else(|| bad(text, "no tile dimensions"))? } else { 1 };
    Ok(Layout::Tiled { tiles: dims, replicas, devices })
}
