// The React demo: a React 19 app with the wrapper (`c2c-call-button/react`, here from the sources), its event props
// writing the page's event log, and a ref to the element for hang-up.
import { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { C2cCallButton } from '../src/wrappers/react.ts';

type Element = HTMLElementTagNameMap['c2c-call-button'];

function log(text: string, kind = ''): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  if (kind) item.className = kind;
  document.querySelector('#log')!.append(item);
}

function App() {
  const [apiBase, setApiBase] = useState<string>();
  const [state, setState] = useState('idle');
  const ref = useRef<Element>(null);
  // demo/ways.ts finds the emulator and leaves its origin on <html data-emulator-origin>.
  useEffect(() => {
    const read = () => setApiBase(document.documentElement.dataset.emulatorOrigin);
    read();
    const observer = new MutationObserver(read);
    observer.observe(document.documentElement, { attributeFilter: ['data-emulator-origin'] });
    return () => observer.disconnect();
  }, []);
  if (!apiBase) return null;
  return (
    <div className="react-demo">
      <C2cCallButton
        ref={ref}
        id="button"
        token="c2c_7acc0e5e968706a032983cd80cdca219"
        destination="/public/echo"
        apiBase={apiBase}
        label="Call us (React)"
        onC2cStateChange={(event) => {
          setState(event.state);
          log(`state  ${event.previous} → ${event.state}`);
        }}
        onC2cCallStart={(event) => log(`call-start  ${event.callId}`)}
        onC2cCallEnd={(event) => log(`call-end  reason=${event.reason} ${(event.durationMs / 1000).toFixed(1)} s`)}
        onC2cError={(event) => log(`error  ${event.code}: ${event.message}`, 'error')}
      />
      <p>
        React state: <code>{state}</code>{' '}
        <button type="button" disabled={state !== 'active'} onClick={() => void ref.current?.hangup()}>
          Hang up from React (ref)
        </button>
      </p>
    </div>
  );
}

createRoot(document.querySelector('#react-root')!).render(<App />);
