//! A force-directed layout for `graph.html`, computed at export time.
//!
//! In: the number of nodes and the edges as index pairs with weights. Out:
//! one (x, y) per node.
//!
//! What must hold: the layout is a pure function of its input (a fixed
//! seed, a fixed order of operations for every sum: the nodes' repulsions
//! are computed in parallel, but each is summed alone in its own order), so
//! the same graph gives the same page byte for byte, whatever the threads; its cost is O(i · (n log n + m)) with the
//! iteration count i capped, so the corpus graph lays out in seconds.
//!
//! The forces are ForceAtlas2's (Jacomy et al. 2014, with Gephi's adaptive
//! speed): repulsion `kr (deg+1)(deg'+1) / d` between every pair, by
//! Barnes–Hut over a quadtree beyond a few hundred nodes; attraction `d`
//! along each edge; gravity `kg (deg+1)` towards the centre, which keeps
//! the components of a news graph together on one screen.

/// Barnes–Hut accuracy: a cell that looks smaller than this from a node
/// stands for all its nodes.
const THETA: f64 = 1.2;

/// Nodes whose repulsion one task computes.
const REPULSE_CHUNK: usize = 256;

/// Iterations for a small graph; large graphs get fewer (see [`iterations`]).
const MAX_ITERATIONS: usize = 600;

use rayon::prelude::*;

/// Positions for `n` nodes joined by `edges` (`(a, b, weight)`).
pub fn layout(n: usize, edges: &[(usize, usize, f64)]) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    let mut mass = vec![1.0f64; n];
    for &(a, b, _) in edges {
        mass[a] += 1.0;
        mass[b] += 1.0;
    }
    // Deterministic start: a golden-angle spiral, heavier nodes inside
    // would need a sort; index order (nodes sorted by id) is stable enough.
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let r = 10.0 * ((i + 1) as f64).sqrt();
            let a = i as f64 * 2.399_963_229_728_653;
            (r * a.cos(), r * a.sin())
        })
        .collect();
    // Gephi's scaling defaults; the gravity, chosen by eye on the samples,
    // keeps a lone pair near the main component.
    let (kr, kg) = if n > 400 { (2.0, 0.5) } else { (10.0, 0.5) };
    let jitter = if n > 5000 { 10.0 } else { 1.0 };
    let mut old = vec![(0.0f64, 0.0f64); n];
    let mut force = vec![(0.0f64, 0.0f64); n];
    let mut speed = 1.0f64;
    for _ in 0..iterations(n, edges.len()) {
        force.iter_mut().for_each(|f| *f = (0.0, 0.0));
        if n > 300 {
            let tree = Quad::build(&pos, &mass);
            // Each node's repulsion is its own sum, in its own fixed order,
            // so the nodes can share the cores.
            force
                .par_chunks_mut(REPULSE_CHUNK)
                .enumerate()
                .for_each_init(Vec::new, |stack, (k, chunk)| {
                    for (j, fi) in chunk.iter_mut().enumerate() {
                        let i = k * REPULSE_CHUNK + j;
                        let f = tree.repulse(pos[i], mass[i], kr, stack);
                        fi.0 += f.0;
                        fi.1 += f.1;
                    }
                });
        } else {
            for i in 0..n {
                for j in i + 1..n {
                    let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                    let d2 = dx * dx + dy * dy;
                    if d2 > 0.0 {
                        let f = kr * mass[i] * mass[j] / d2;
                        force[i].0 += dx * f;
                        force[i].1 += dy * f;
                        force[j].0 -= dx * f;
                        force[j].1 -= dy * f;
                    }
                }
            }
        }
        // ForceAtlas2's strong gravity (linear in the distance): with the
        // plain one, a pair of actors apart from the rest drifts to many
        // times the main component's radius and the view shrinks to fit it.
        for i in 0..n {
            let f = kg * mass[i];
            force[i].0 -= pos[i].0 * f;
            force[i].1 -= pos[i].1 * f;
        }
        for &(a, b, w) in edges {
            let (dx, dy) = (pos[b].0 - pos[a].0, pos[b].1 - pos[a].1);
            // Log weight: an edge cited 100 times pulls harder, not 100 times.
            let f = 1.0 + w.ln().max(0.0);
            force[a].0 += dx * f;
            force[a].1 += dy * f;
            force[b].0 -= dx * f;
            force[b].1 -= dy * f;
        }
        // Gephi's adaptive speed: fast while forces agree from one step to
        // the next, slow where nodes swing.
        let (mut swing, mut traction) = (0.0, 0.0);
        for i in 0..n {
            let s = ((force[i].0 - old[i].0).powi(2) + (force[i].1 - old[i].1).powi(2)).sqrt();
            let t = ((force[i].0 + old[i].0).powi(2) + (force[i].1 + old[i].1).powi(2)).sqrt();
            swing += mass[i] * s;
            traction += mass[i] * t / 2.0;
        }
        let target = if swing > 0.0 {
            jitter * jitter * traction / swing
        } else {
            speed
        };
        speed += (target - speed).min(0.5 * speed);
        for i in 0..n {
            let s = ((force[i].0 - old[i].0).powi(2) + (force[i].1 - old[i].1).powi(2)).sqrt();
            let mut factor = speed / (1.0 + (speed * s).sqrt());
            let f = (force[i].0 * force[i].0 + force[i].1 * force[i].1).sqrt();
            if f > 0.0 {
                factor = factor.min(10.0 / f);
            }
            pos[i].0 += force[i].0 * factor;
            pos[i].1 += force[i].1 * factor;
        }
        std::mem::swap(&mut old, &mut force);
    }
    pos
}

/// Fewer iterations as the graph grows, so the work stays near 2·10⁷
/// node-steps (216 iterations, about 1 s, for the 3,732 actors and 17,492
/// edges of the ANT corpus).
fn iterations(n: usize, m: usize) -> usize {
    (20_000_000 / (n * 20 + m).max(1)).clamp(60, MAX_ITERATIONS)
}

/// A Barnes–Hut quadtree: each cell's total mass and centre of mass.
struct Quad {
    cells: Vec<Cell>,
}

#[derive(Clone, Copy)]
struct Cell {
    /// Centre and half size of the square.
    cx: f64,
    cy: f64,
    half: f64,
    mass: f64,
    mx: f64,
    my: f64,
    /// First of four children, 0 for a leaf.
    child: usize,
    /// A leaf's one node, if any.
    body: Option<(f64, f64, f64)>,
}

impl Quad {
    fn build(pos: &[(f64, f64)], mass: &[f64]) -> Quad {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in pos {
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        let half = ((x1 - x0).max(y1 - y0) / 2.0).max(1e-6) * 1.01;
        let root = Cell {
            cx: (x0 + x1) / 2.0,
            cy: (y0 + y1) / 2.0,
            half,
            mass: 0.0,
            mx: 0.0,
            my: 0.0,
            child: 0,
            body: None,
        };
        let mut q = Quad { cells: vec![root] };
        for (i, &(x, y)) in pos.iter().enumerate() {
            q.insert(0, x, y, mass[i], 0);
        }
        q
    }

    fn insert(&mut self, mut c: usize, x: f64, y: f64, m: f64, mut depth: usize) {
        loop {
            let cell = &mut self.cells[c];
            let total = cell.mass + m;
            cell.mx = (cell.mx * cell.mass + x * m) / total;
            cell.my = (cell.my * cell.mass + y * m) / total;
            cell.mass = total;
            if cell.child == 0 {
                match cell.body {
                    None if cell.mass == m => {
                        cell.body = Some((x, y, m));
                        return;
                    }
                    // Coincident nodes, or too deep to split: keep them
                    // together as one body.
                    Some((bx, by, bm)) if depth > 40 || (bx == x && by == y) => {
                        cell.body = Some((bx, by, bm + m));
                        return;
                    }
                    _ => {}
                }
                let old = cell.body.take();
                let (cx, cy, h) = (cell.cx, cell.cy, cell.half / 2.0);
                let first = self.cells.len();
                self.cells[c].child = first;
                for k in 0..4 {
                    self.cells.push(Cell {
                        cx: cx + if k & 1 == 0 { -h } else { h },
                        cy: cy + if k & 2 == 0 { -h } else { h },
                        half: h,
                        mass: 0.0,
                        mx: 0.0,
                        my: 0.0,
                        child: 0,
                        body: None,
                    });
                }
                if let Some((bx, by, bm)) = old {
                    let k = self.quadrant(c, bx, by);
                    self.insert(k, bx, by, bm, depth + 1);
                }
            }
            c = self.quadrant(c, x, y);
            depth += 1;
        }
    }

    fn quadrant(&self, c: usize, x: f64, y: f64) -> usize {
        let cell = &self.cells[c];
        cell.child + usize::from(x >= cell.cx) + 2 * usize::from(y >= cell.cy)
    }

    /// The repulsion on a node at `(x, y)` of mass `m`; `stack` is scratch
    /// space, kept between calls.
    fn repulse(&self, (x, y): (f64, f64), m: f64, kr: f64, stack: &mut Vec<usize>) -> (f64, f64) {
        let mut f = (0.0, 0.0);
        stack.clear();
        stack.push(0);
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c];
            if cell.mass == 0.0 {
                continue;
            }
            let (dx, dy) = (x - cell.mx, y - cell.my);
            let d2 = dx * dx + dy * dy;
            let far = cell.child == 0 || 2.0 * cell.half < THETA * d2.sqrt();
            if far {
                if d2 > 0.0 {
                    // A leaf holding the node itself has d2 = 0 and adds
                    // nothing.
                    let k = kr * m * cell.mass / d2;
                    f.0 += dx * k;
                    f.1 += dy * k;
                }
            } else {
                stack.extend(cell.child..cell.child + 4);
            }
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_separates_components() {
        let edges = [(0, 1, 3.0), (1, 2, 1.0), (3, 4, 1.0)];
        let a = layout(5, &edges);
        assert_eq!(a, layout(5, &edges));
        let d = |i: usize, j: usize| ((a[i].0 - a[j].0).powi(2) + (a[i].1 - a[j].1).powi(2)).sqrt();
        assert!(a.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
        // Joined nodes sit closer than unjoined ones.
        assert!(d(0, 1) < d(0, 4) && d(3, 4) < d(2, 4), "{a:?}");
    }

    #[test]
    fn barnes_hut_handles_a_larger_graph() {
        let n = 1000;
        let edges: Vec<_> = (1..n).map(|i| (i, (i * 7) % i.max(1) / 2, 1.0)).collect();
        let a = layout(n, &edges);
        assert!(a.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
        assert_eq!(a, layout(n, &edges));
        // The same bits on one thread as on several.
        let on = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| layout(n, &edges))
        };
        assert_eq!(on(1), a);
        assert_eq!(on(3), a);
    }
}
