//! How the web view paints on Linux. WebKitGTK paints a page's tiles with
//! Skia on the GPU by default and composites its layers with OpenGL. Without
//! a GPU, Mesa stands in with llvmpipe, which runs the same work on the CPU:
//! it first compiles a shader for each new kind of shape (on Loopready's
//! first view about 60 ms), and loading it (LLVM and Mesa's driver) and its
//! caches cost the web process about 60 MiB (BENCHMARKS.md). So where no GPU
//! can be reached, WebKit is asked to paint on the CPU and to draw the page
//! without compositing layers, which loads no OpenGL at all. With a GPU, or
//! when the user already chose, nothing changes.

/// WebKitGTK's switch for painting on the CPU.
pub const CPU_PAINTING_ENV: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// WebKitGTK's switch for drawing the page without compositing layers (and
/// so without OpenGL).
pub const NO_COMPOSITING_ENV: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// What the choice looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Machine {
    /// The user (or their desktop) set either switch themselves.
    pub already_chosen: bool,
    /// A GPU's render node (`/dev/dri/renderD*`) can be opened.
    pub gpu_reachable: bool,
    /// Mesa is told to render in software (`LIBGL_ALWAYS_SOFTWARE`).
    pub software_forced: bool,
}

/// Paint on the CPU when the GPU path could only be software anyway.
pub fn paint_on_cpu(machine: Machine) -> bool {
    !machine.already_chosen && (!machine.gpu_reachable || machine.software_forced)
}

/// Looks at this machine and sets both switches when [`paint_on_cpu`] says so.
/// Call it first in the window's start, before any thread is spawned: it
/// changes the environment, which the web process inherits.
#[cfg(target_os = "linux")]
pub fn choose() {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    let machine = Machine {
        already_chosen: [CPU_PAINTING_ENV, NO_COMPOSITING_ENV]
            .iter()
            .any(|name| std::env::var_os(name).is_some()),
        gpu_reachable: gpu_reachable(),
        software_forced: set("LIBGL_ALWAYS_SOFTWARE"),
    };
    if paint_on_cpu(machine) {
        std::env::set_var(CPU_PAINTING_ENV, "1");
        std::env::set_var(NO_COMPOSITING_ENV, "1");
    }
}

/// On macOS and Windows the system's web view decides for itself.
#[cfg(not(target_os = "linux"))]
pub fn choose() {}

#[cfg(target_os = "linux")]
fn gpu_reachable() -> bool {
    let Ok(entries) = std::fs::read_dir("/dev/dri") else {
        return false;
    };
    entries.flatten().any(|entry| {
        entry.file_name().to_string_lossy().starts_with("renderD")
            && std::fs::File::open(entry.path()).is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GPU: Machine = Machine {
        already_chosen: false,
        gpu_reachable: true,
        software_forced: false,
    };

    #[test]
    fn a_machine_with_a_gpu_keeps_webkits_default() {
        assert!(!paint_on_cpu(GPU));
    }

    #[test]
    fn without_a_gpu_or_with_software_forced_the_cpu_paints() {
        assert!(paint_on_cpu(Machine {
            gpu_reachable: false,
            ..GPU
        }));
        assert!(paint_on_cpu(Machine {
            software_forced: true,
            ..GPU
        }));
    }

    #[test]
    fn the_users_own_choice_is_never_overridden() {
        let chosen = Machine {
            already_chosen: true,
            gpu_reachable: false,
            software_forced: true,
        };
        assert!(!paint_on_cpu(chosen));
    }
}
