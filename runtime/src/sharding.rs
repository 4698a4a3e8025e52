//! How an array is laid out over devices, as XLA's GSPMD sharding strings
//! say (`mhlo.sharding = "{devices=[4,1,2]<=[8] last_tile_dim_replicate}"`
//! on a parameter or result of `main`), and splitting a global array into
//! the per-device shards a partitioned program takes, and gathering the
//! shards it returns into the global array.
//!
//! A tiled sharding cuts each dimension `i` into `tiles[i]` equal blocks;
//! the tile assignment is an array of device ids of shape `tiles` (plus a
//! trailing replication dimension with `last_tile_dim_replicate`): the
//! device at index `(t_0, ..., t_k, r)` holds block `(t_0, ..., t_k)`.

use jaxr_syntax::gspmd;

use crate::error::{Result, RuntimeError};
use crate::tensor::HostTensor;

/// The layout of one array over the devices of a partitioned program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sharding {
    /// Every device holds the whole array.
    Replicated,
    /// One device holds the whole array (the others hold it too as far as
    /// the program's inputs go: XLA reads it from that device only).
    Maximal(i64),
    /// Blocks over the devices.
    Tiled {
        /// Blocks per dimension of the array.
        tiles: Vec<i64>,
        /// Devices holding each block (1 without `last_tile_dim_replicate`).
        replicas: i64,
        /// The tile assignment, row-major over `tiles` then the replicas.
        devices: Vec<i64>,
    },
}

impl Sharding {
    /// Reads an XLA sharding string: `{replicated}`, `{maximal device=N}`,
    /// `{devices=[d0,...]<ids>}` with the ids listed (`0,2,1,3`) or as an
    /// iota (`<=[8]`, `<=[2,4]T(1,0)`), optionally `last_tile_dim_replicate`
    /// (read by `jaxr_syntax::gspmd`).
    pub fn parse(text: &str) -> Result<Sharding> {
        Ok(match gspmd::parse(text).map_err(RuntimeError::Unsupported)? {
            gspmd::Layout::Replicated => Sharding::Replicated,
            gspmd::Layout::Maximal(d) => Sharding::Maximal(d),
            gspmd::Layout::Tiled { tiles, replicas, devices } => Sharding::Tiled { tiles, replicas, devices },
        })
    }

    /// The block of the array that device `device` holds: per dimension,
    /// (offset, size); `None` when it holds none (another device's maximal
    /// sharding).
    fn block_of(&self, device: i64, shape: &[i64]) -> Result<Option<Vec<(i64, i64)>>> {
        match self {
            Sharding::Replicated => Ok(Some(shape.iter().map(|&n| (0, n)).collect())),
            Sharding::Maximal(d) => Ok((*d == device).then(|| shape.iter().map(|&n| (0, n)).collect())),
            Sharding::Tiled { tiles, replicas, devices } => {
                if tiles.len() != shape.len() {
                    return Err(RuntimeError::Unsupported(format!(
                        "a sharding with {} tile dimensions for an array of rank {}",
                        tiles.len(),
                        shape.len()
                    )));
                }
                let Some(at) = devices.iter().position(|&d| d == device) else {
                    return Err(RuntimeError::Unsupported(format!(
                        "device {device} is not in the sharding's {} devices",
                        devices.len()
                    )));
                };
                let mut tile = at as i64 / replicas;
                let mut block = vec![(0, 0); shape.len()];
                for i in (0..shape.len()).rev() {
                    if shape[i] % tiles[i] != 0 {
                        return Err(RuntimeError::Unsupported(format!(
                            "dimension {i} of size {} does not split into {} equal blocks",
                            shape[i], tiles[i]
                        )));
                    }
                    let size = shape[i] / tiles[i];
                    block[i] = ((tile % tiles[i]) * size, size);
                    tile /= tiles[i];
                }
                Ok(Some(block))
            }
        }
    }

    /// The shard of `global` that device `device` takes (the whole array
    /// for a maximal sharding on another device: XLA ignores it there).
    pub fn shard(&self, global: &HostTensor, device: i64) -> Result<HostTensor> {
        let block = self
            .block_of(device, &global.shape)?
            .unwrap_or_else(|| global.shape.iter().map(|&n| (0, n)).collect());
        copy_block(global, &block)
    }

    /// The global array of `shape` from every device's shard (`shards[k]`
    /// from device `device_ids[k]`): each block from the first device that
    /// holds it.
    pub fn gather(&self, shards: &[HostTensor], device_ids: &[i64], shape: &[i64]) -> Result<HostTensor> {
        let first = shards.first().ok_or_else(|| RuntimeError::Unsupported("no shards to gather".into()))?;
        let esize = first.dtype.byte_size();
        let count: i64 = shape.iter().product();
        let mut data = vec![0u8; count as usize * esize];
        let mut filled = vec![false; count as usize];
        for (shard, &device) in shards.iter().zip(device_ids) {
            let Some(block) = self.block_of(device, shape)? else { continue };
            let sizes: Vec<i64> = block.iter().map(|b| b.1).collect();
            if shard.shape != sizes {
                return Err(RuntimeError::Unsupported(format!(
                    "device {device} returned a {:?} shard where the sharding gives {:?}",
                    shard.shape, sizes
                )));
            }
            for_each_element(&block, shape, |global_index, local_index| {
                if !filled[global_index] {
                    filled[global_index] = true;
                    data[global_index * esize..(global_index + 1) * esize]
                        .copy_from_slice(&shard.data[local_index * esize..(local_index + 1) * esize]);
                }
            });
        }
        if filled.iter().any(|f| !f) {
            return Err(RuntimeError::Unsupported("the shards do not cover the whole array".into()));
        }
        HostTensor::new(first.dtype, shape.to_vec(), data)
    }
}

/// Calls `f(global index, index within the block)` for every element of
/// `block` (per dimension (offset, size)) of an array of `shape`, in
/// row-major order of the block.
fn for_each_element(block: &[(i64, i64)], shape: &[i64], mut f: impl FnMut(usize, usize)) {
    let count: i64 = block.iter().map(|b| b.1).product();
    for local in 0..count {
        let (mut rest, mut global, mut stride) = (local, 0, 1);
        for i in (0..shape.len()).rev() {
            let coordinate = rest % block[i].1 + block[i].0;
            rest /= block[i].1;
            global += coordinate * stride;
            stride *= shape[i];
        }
        f(global as usize, local as usize);
    }
}

fn copy_block(global: &HostTensor, block: &[(i64, i64)]) -> Result<HostTensor> {
    let esize = global.dtype.byte_size();
    let count: i64 = block.iter().map(|b| b.1).product();
    let mut data = vec![0u8; count as usize * esize];
    for_each_element(block, &global.shape, |g, l| {
        data[l * esize..(l + 1) * esize].copy_from_slice(&global.data[g * esize..(g + 1) * esize]);
    });
    HostTensor::new(global.dtype, block.iter().map(|b| b.1).collect(), data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xla_sharding_strings_read_as_tile_assignments() {
        assert_eq!(Sharding::parse("{replicated}").unwrap(), Sharding::Replicated);
        assert_eq!(Sharding::parse("{maximal device=3}").unwrap(), Sharding::Maximal(3));
        assert_eq!(
            Sharding::parse("{devices=[4,1,2]<=[8] last_tile_dim_replicate}").unwrap(),
            Sharding::Tiled { tiles: vec![4, 1], replicas: 2, devices: (0..8).collect() }
        );
        // iota over [2,4] transposed: device order 0,4,1,5,2,6,3,7.
        assert_eq!(
            Sharding::parse("{devices=[4,2]<=[2,4]T(1,0)}").unwrap(),
            Sharding::Tiled { tiles: vec![4, 2], replicas: 1, devices: vec![0, 4, 1, 5, 2, 6, 3, 7] }
        );
        assert_eq!(
            Sharding::parse("{devices=[2,2]0,2,1,3}").unwrap(),
            Sharding::Tiled { tiles: vec![2, 2], replicas: 1, devices: vec![0, 2, 1, 3] }
        );
        for (text, why) in [
            ("{manual}", "only replicated, maximal and tiled"),
            ("{devices=[2,2]<=[8]}", "8 devices for 4 tiles"),
            ("{devices=[2,2]<=[4] last_tile_dims={manual}}", "'last_tile_dims={manual}' is not supported"),
            ("{devices=[2,2]<=[2,2]T(0,0)}", "not a permutation"),
            ("devices=[2]0,1", "expected {...}"),
            ("{devices=[-1,-1]<=[1]}", "at least 1"),
            ("{devices=[2]<=[100000000000]}", "more than 2^31"),
            ("{devices=[4294967296,4294967296]<=[1]}", "more than 2^31"),
            ("{devices=[2]0,0}", "not each of 0..2 once"),
        ] {
            let e = Sharding::parse(text).unwrap_err().to_string();
            assert!(e.contains(why), "{text}: {e}");
        }
    }

    fn iota(shape: &[i64]) -> HostTensor {
        let n: i64 = shape.iter().product();
        let values: Vec<f32> = (0..n).map(|v| v as f32).collect();
        HostTensor::from_f32(shape, &values).unwrap()
    }

    #[test]
    fn shards_are_blocks_and_gather_back() {
        let global = iota(&[4, 6]);
        let s = Sharding::parse("{devices=[2,3]<=[3,2]T(1,0)}").unwrap();
        // Devices in tile order: 0,2,4,1,3,5 (iota over [3,2] transposed).
        let ids: Vec<i64> = (0..6).collect();
        let shards: Vec<HostTensor> = ids.iter().map(|&d| s.shard(&global, d).unwrap()).collect();
        // Device 2 holds tile (0, 1): rows 0..2, columns 2..4.
        assert_eq!(shards[2].shape, vec![2, 2]);
        assert_eq!(shards[2].to_f64_vec().unwrap(), vec![2.0, 3.0, 8.0, 9.0]);
        // Device 1 holds tile (1, 0): rows 2..4, columns 0..2.
        assert_eq!(shards[1].to_f64_vec().unwrap(), vec![12.0, 13.0, 18.0, 19.0]);
        assert_eq!(s.gather(&shards, &ids, &[4, 6]).unwrap(), global);
        // Replicated over the last tile dimension: pairs hold the same rows.
        let r = Sharding::parse("{devices=[2,1,2]<=[4] last_tile_dim_replicate}").unwrap();
        let halves: Vec<HostTensor> = (0..4).map(|d| r.shard(&global, d).unwrap()).collect();
        assert_eq!(halves[0], halves[1]);
        assert_eq!(halves[2].to_f64_vec().unwrap(), (12..24).map(f64::from).collect::<Vec<_>>());
        assert_eq!(r.gather(&halves, &[0, 1, 2, 3], &[4, 6]).unwrap(), global);
    }

    #[test]
    fn uneven_blocks_and_wrong_shards_are_errors() {
        let s = Sharding::parse("{devices=[4,1]<=[4]}").unwrap();
        let e = s.shard(&iota(&[6, 2]), 0).unwrap_err().to_string();
        assert!(e.contains("dimension 0 of size 6 does not split into 4 equal blocks"), "{e}");
        let e = s.gather(&[iota(&[2, 2])], &[0], &[4, 2]).unwrap_err().to_string();
        assert!(e.contains("returned a [2, 2] shard where the sharding gives [1, 2]"), "{e}");
        let e = s.gather(&[iota(&[1, 2])], &[0], &[4, 2]).unwrap_err().to_string();
        assert!(e.contains("do not cover"), "{e}");
        let e = s.shard(&iota(&[4, 2]), 4).unwrap_err().to_string();
        assert!(e.contains("device 4 is not in the sharding's 4 devices"), "{e}");
    }
}
