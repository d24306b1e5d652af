// Report the first paint, as Loopready's page does after its first view.
requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI__.core.invoke('ready')));
